import Foundation

/// The plan documents the demo reads its provincial programme's tasks from, through the same extractor an officer uses.
public enum DemoPlans {
    public static let documentNames = ["province-programme-2023.md", "example-task-appendix.tsv", "province-tasks-2024.tsv"]

    public static func documents() throws -> [PlanDocument] {
        try documentNames.map { name in
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            guard let url = Bundle.module.url(forResource: parts[0], withExtension: parts[1], subdirectory: "plans/demo") else {
                throw PlanDocumentError("Thiếu tệp mẫu plans/demo/\(name) trong gói.")
            }
            return try PlanDocument(data: Data(contentsOf: url), fileName: name)
        }
    }
}
