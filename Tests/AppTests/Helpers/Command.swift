import Foundation

/// Runs a program to its end (a reader of the files the product writes, the `hoptac` command) and returns its exit
/// status, what it printed and what it complained of.
func runCommand(_ arguments: [String], executable: URL = URL(fileURLWithPath: "/usr/bin/env"),
                environment: [String: String] = [:]) throws -> (status: Int32, output: Data, errors: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    // Complaints go to a file, so that neither pipe can fill up while the other is read.
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("hoptac-command-\(UUID().uuidString).log")
    guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
    defer { try? FileManager.default.removeItem(at: log) }
    let errors = try FileHandle(forWritingTo: log)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errors.close()
    return (process.terminationStatus, printed, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
}
