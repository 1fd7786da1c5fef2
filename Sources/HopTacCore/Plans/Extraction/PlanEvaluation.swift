import Foundation

/// Precision and recall of the extractor against hand-made labels.
public struct PlanScore: Sendable, Equatable {
    public var matched = 0, extracted = 0, labelled = 0
    public init() {}
    public var precision: Double { extracted == 0 ? 1 : Double(matched) / Double(extracted) }
    public var recall: Double { labelled == 0 ? 1 : Double(matched) / Double(labelled) }
    static func + (a: PlanScore, b: PlanScore) -> PlanScore {
        var sum = PlanScore()
        sum.matched = a.matched + b.matched
        sum.extracted = a.extracted + b.extracted
        sum.labelled = a.labelled + b.labelled
        return sum
    }
}

public struct PlanDocumentScore: Sendable {
    public let name: String
    public let targets: PlanScore
    public let tasks: PlanScore
    public var all: PlanScore { targets + tasks }
}

public enum PlanEvaluation {
    /// A target matches a label on its line, comparator, values, unit and year; a task on its line, lead,
    /// deadline and frequency. Each label is used once.
    public static func score(_ extracted: PlanExtraction, labels: PlanExtraction) -> (targets: PlanScore, tasks: PlanScore) {
        func count<T>(_ found: [T], _ wanted: [T], _ same: (T, T) -> Bool) -> PlanScore {
            var score = PlanScore()
            score.extracted = found.count
            score.labelled = wanted.count
            var unused = wanted
            for item in found {
                if let index = unused.firstIndex(where: { same(item, $0) }) {
                    unused.remove(at: index)
                    score.matched += 1
                }
            }
            return score
        }
        let targets = count(extracted.targets, labels.targets) { a, b in
            a.line == b.line && a.comparator == b.comparator && a.value == b.value && a.valueMax == b.valueMax
                && a.unit == b.unit && a.year == b.year
        }
        let tasks = count(extracted.tasks, labels.tasks) { a, b in
            a.line == b.line && a.deadline == b.deadline && a.frequency == b.frequency
                && foldForSearch(a.lead ?? "") == foldForSearch(b.lead ?? "")
        }
        return (targets, tasks)
    }

    /// Scores every document in a folder that has a `NAME.labels.json` beside it (NAME without the extension).
    public static func evaluate(directory: URL) throws -> [PlanDocumentScore] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.compactMap { file in
            guard !file.lastPathComponent.hasSuffix(".labels.json") else { return nil }
            let labelsFile = file.deletingPathExtension().appendingPathExtension("labels.json")
            guard let labelData = try? Data(contentsOf: labelsFile) else { return nil }
            let labels: PlanExtraction
            do { labels = try JSONDecoder().decode(PlanExtraction.self, from: labelData) } catch {
                throw PlanDocumentError("Tệp nhãn “\(labelsFile.lastPathComponent)” không hợp lệ: \(error)")
            }
            let document = try PlanDocument(data: try Data(contentsOf: file), fileName: file.lastPathComponent)
            let (targets, tasks) = score(PlanExtractor.extract(document), labels: labels)
            return PlanDocumentScore(name: file.lastPathComponent, targets: targets, tasks: tasks)
        }
    }

    /// A table of precision and recall per document for targets, tasks and both, with the totals.
    public static func report(_ scores: [PlanDocumentScore]) -> String {
        func cell(_ s: PlanScore) -> String {
            "\(s.matched)/\(s.extracted)/\(s.labelled) P=\(percent(s.precision)) R=\(percent(s.recall))"
        }
        func percent(_ value: Double) -> String { String(Int((value * 100).rounded())) + "%" }
        var lines = ["Tài liệu | Chỉ tiêu (khớp/trích/nhãn) | Nhiệm vụ | Tổng"]
        for s in scores { lines.append("\(s.name) | \(cell(s.targets)) | \(cell(s.tasks)) | \(cell(s.all))") }
        let targets = scores.map(\.targets).reduce(PlanScore(), +), tasks = scores.map(\.tasks).reduce(PlanScore(), +)
        lines.append("TỔNG | \(cell(targets)) | \(cell(tasks)) | \(cell(targets + tasks))")
        return lines.joined(separator: "\n")
    }
}
