import ArgumentParser
import Testing
@testable import App

@Suite("Command line in Vietnamese")
struct CommandLineTests {
    /// Every command, nested ones too.
    static func commands(_ command: any ParsableCommand.Type = HopTacCommand.self) -> [any ParsableCommand.Type] {
        [command] + command.configuration.subcommands.flatMap { commands($0) }
    }

    static let english = ["USAGE:", "OPTIONS:", "SUBCOMMANDS:", "ARGUMENTS:", "OVERVIEW:", "Show help information", "default:", "values:",
                          "See '", "for detailed help", "<subcommand>"]

    @Test("the help of every command has Vietnamese headings, defaults and values, and no English boilerplate")
    func help() {
        let top = HopTacCommand.vietnamese(HopTacCommand.helpMessage())
        #expect(top.contains("CÁCH DÙNG:") && top.contains("LỆNH CON:") && top.contains("Hiện trợ giúp này."), "\(top)")
        for command in Self.commands() {
            let text = HopTacCommand.vietnamese(HopTacCommand.helpMessage(for: command))
            for word in Self.english { #expect(!text.contains(word), "\(command): “\(word)” in \(text)") }
        }
        #expect(HopTacCommand.vietnamese(HopTacCommand.helpMessage(for: Demo.self)).contains("mặc định: province)"))
    }

    @Test("a wrong argument is told in Vietnamese")
    func errors() {
        for arguments in [["demo", "--scale", "huyen"], ["khong-co-lenh"], ["demo", "--seed"]] {
            do {
                _ = try HopTacCommand.parseAsRoot(arguments)
                Issue.record("\(arguments) should be refused")
            } catch {
                let text = HopTacCommand.vietnamese(HopTacCommand.fullMessage(for: error))
                #expect(text.hasPrefix("Lỗi: ") && !text.contains("Error") && !text.contains("Usage:") && !text.contains("See '") && !text.contains("' or '"),
                        "\(arguments): \(text)")
            }
        }
    }
}
