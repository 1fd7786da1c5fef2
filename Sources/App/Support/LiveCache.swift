import SQLKit
import Vapor

/// Figures computed from the data, kept until the tables they were computed from change (see `DataVersion`).
/// Reading a figure costs one primary-key lookup of the versions; nothing is ever served stale.
actor LiveCache {
    private var entries: [String: any Sendable] = [:]
    private let capacity: Int

    init(capacity: Int = 2_000) { self.capacity = capacity }

    func value<T: Sendable>(_ key: String, from tables: [String], on sql: any SQLDatabase, compute: @Sendable () async throws -> T) async throws -> T {
        try await value(key, version: try await DataVersion.current(tables, on: sql), compute: compute)
    }

    /// The value computed at `version` (what `DataVersion.current` gave for the tables it reads), computing it once.
    func value<T: Sendable>(_ key: String, version: String, compute: @Sendable () async throws -> T) async throws -> T {
        let fullKey = version + "|" + key
        if let hit = entries[fullKey] as? T { return hit }
        let computed = try await compute()
        // Filters are many but only recent versions matter: start afresh rather than track recency.
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[fullKey] = computed
        return computed
    }
}

extension Application {
    private struct LiveCacheKey: StorageKey { typealias Value = LiveCache }

    /// Set once by `configure`; an application configured otherwise computes every figure afresh.
    var liveCache: LiveCache {
        get { storage[LiveCacheKey.self] ?? LiveCache(capacity: 0) }
        set { storage[LiveCacheKey.self] = newValue }
    }
}
