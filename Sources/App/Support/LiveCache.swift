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
        if let hit = entries[Self.entry(key, version)] as? T { return hit }
        let computed = try await compute()
        store(key, version: version, computed)
        return computed
    }

    /// Whether the value of `key` at `version` is kept, so a caller can compute many missing values in one go.
    func contains(_ key: String, version: String) -> Bool { entries[Self.entry(key, version)] != nil }

    /// Keeps a value computed at `version`, for values computed together rather than one by one.
    func store<T: Sendable>(_ key: String, version: String, _ value: T) {
        guard capacity > 0 else { return }
        // Filters are many but only recent versions matter: start afresh rather than track recency.
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[Self.entry(key, version)] = value
    }

    /// A value is kept under its version, so a new version of the tables misses every older entry.
    private static func entry(_ key: String, _ version: String) -> String { version + "|" + key }
}

extension Application {
    private struct LiveCacheKey: StorageKey { typealias Value = LiveCache }

    /// Set once by `configure`; an application configured otherwise computes every figure afresh.
    var liveCache: LiveCache {
        get { storage[LiveCacheKey.self] ?? LiveCache(capacity: 0) }
        set { storage[LiveCacheKey.self] = newValue }
    }
}
