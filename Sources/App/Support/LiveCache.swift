import SQLKit
import Vapor

/// Figures computed from the data, kept until the tables they were computed from change (see `DataVersion`).
/// Reading a figure costs one primary-key lookup of the versions; nothing is ever served stale.
actor LiveCache {
    /// Each key's latest value with the version it was computed at: a new version replaces the older value, and the
    /// older one stays readable (`stale`) for values that can be brought up to date cheaper than computed afresh.
    private var entries: [String: (version: String, value: any Sendable)] = [:]
    private let capacity: Int

    init(capacity: Int = 2_000) { self.capacity = capacity }

    func value<T: Sendable>(_ key: String, from tables: [String], on sql: any SQLDatabase, compute: @Sendable () async throws -> T) async throws -> T {
        try await value(key, version: try await DataVersion.current(tables, on: sql), compute: compute)
    }

    /// The value computed at `version` (what `DataVersion.current` gave for the tables it reads), computing it once.
    func value<T: Sendable>(_ key: String, version: String, compute: @Sendable () async throws -> T) async throws -> T {
        if let entry = entries[key], entry.version == version, let hit = entry.value as? T { return hit }
        let computed = try await compute()
        store(key, version: version, computed)
        return computed
    }

    /// Whether the value of `key` at `version` is kept, so a caller can compute many missing values in one go.
    func contains(_ key: String, version: String) -> Bool { entries[key]?.version == version }

    /// The value last kept for `key` and its version, current or not.
    func stale<T: Sendable>(_ key: String, as type: T.Type) -> (version: String, value: T)? {
        guard let entry = entries[key], let value = entry.value as? T else { return nil }
        return (entry.version, value)
    }

    /// Keeps a value computed at `version`, for values computed together rather than one by one.
    func store<T: Sendable>(_ key: String, version: String, _ value: T) {
        guard capacity > 0 else { return }
        // Filters are many but only recent versions matter: start afresh rather than track recency.
        if entries.count >= capacity && entries[key] == nil { entries.removeAll(keepingCapacity: true) }
        entries[key] = (version, value)
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
