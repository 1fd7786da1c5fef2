import NIOPosix

/// CPU-heavy work of one request (reading an uploaded workbook or document, bcrypt) runs on NIO's blocking-work
/// threads, not on the few threads that serve every other request: one large upload then cannot stall the site.
enum BlockingWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
