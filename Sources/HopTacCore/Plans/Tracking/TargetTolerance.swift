import Foundation

/// How far below X a target "khoảng X" may land and still be met, and above which it is exceeded, as a fraction of X.
/// Data (`Resources/plans/target-tolerance.json`, key `about`; 0.1 means ±10%), read once, so that reading "khoảng" more
/// or less strictly is a change of file, not of code.
public enum TargetTolerance {
    public static let about: Double = {
        // The file ships with the module and a test loads it, so a failure here is a broken build, not a user's input.
        do {
            guard let url = Bundle.module.url(forResource: "target-tolerance", withExtension: "json", subdirectory: "plans") else {
                throw PlanTrackingError("Thiếu tệp plans/target-tolerance.json trong gói.")
            }
            return try about(json: Data(contentsOf: url))
        } catch {
            fatalError("\(error)")
        }
    }()

    /// The `about` fraction of a tolerance file; from 0 up to, not including, 1 (a tolerance of 100% would accept zero).
    static func about(json: Data) throws -> Double {
        struct File: Decodable { let about: Double }
        let about: Double
        do { about = try JSONDecoder().decode(File.self, from: json).about } catch {
            throw PlanTrackingError("Tệp dung sai chỉ tiêu không đúng cấu trúc (cần {\"about\": 0.1}): \(error)")
        }
        guard about >= 0 && about < 1 else {
            throw PlanTrackingError("Dung sai “khoảng” phải từ 0 đến dưới 1 (0.1 là ±10%), không phải \(about).")
        }
        return about
    }
}
