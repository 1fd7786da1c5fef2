import ArgumentParser
import Foundation
import HopTacCore

/// `hoptac plan extract FILE [--json]` reads a plan document; `hoptac plan evaluate DIR` measures the extractor
/// against hand-labelled documents (`NAME.labels.json` next to each).
struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Đọc chỉ tiêu, nhiệm vụ từ văn bản kế hoạch, chương trình.",
                                                    subcommands: [Extract.self, Evaluate.self])

    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Trích chỉ tiêu và nhiệm vụ từ một tệp (.txt, .md, .html, .tsv, .docx).")

        @ArgumentParser.Argument(help: "Tệp văn bản.") var file: String
        @ArgumentParser.Flag(help: "In kết quả dạng JSON.") var json = false

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard let data = try? Data(contentsOf: url) else { throw ValidationError("Không mở được tệp “\(file)”.") }
            let document: PlanDocument
            do { document = try PlanDocument(data: data, fileName: url.lastPathComponent) } catch let error as PlanDocumentError {
                throw ValidationError(error.message)
            }
            let extraction = PlanExtractor.extract(document)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(extraction), as: UTF8.self))
                return
            }
            print("Chỉ tiêu (\(extraction.targets.count)):")
            for t in extraction.targets {
                let value = VietnameseNumber.format(t.value, fractionDigits: 3) + (t.valueMax.map { "–" + VietnameseNumber.format($0, fractionDigits: 3) } ?? "")
                let indicator = IndicatorDefinition.suggest(subject: t.subject, unit: t.unit)?.label ?? "chưa nhận ra chỉ số"
                print("  dòng \(t.line): \(t.comparator.rawValue) \(value) \(t.unit.rawValue), năm \(t.year.map(String.init) ?? "?") — \(t.subject) [\(indicator)]")
            }
            print("Nhiệm vụ (\(extraction.tasks.count)):")
            for t in extraction.tasks {
                let when = t.deadline?.vietnamese ?? t.frequency?.rawValue ?? "?"
                print("  dòng \(t.line): \(t.number.map { $0 + ". " } ?? "")chủ trì: \(t.lead ?? "?"); phối hợp: \(t.coordinating.joined(separator: "; ")); thời hạn: \(when)")
                print("    \(t.quote.prefix(120))")
            }
        }
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đo độ chính xác (precision) và độ bao phủ (recall) trên các văn bản đã gán nhãn.")

        @ArgumentParser.Argument(help: "Thư mục có các tệp văn bản và tệp TÊN.labels.json.") var directory: String

        func run() async throws {
            print(PlanEvaluation.report(try PlanEvaluation.evaluate(directory: URL(fileURLWithPath: directory))))
        }
    }
}
