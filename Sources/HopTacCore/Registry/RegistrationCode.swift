import Foundation

/// The 10-digit registration code of a cooperative (in practice its tax code, Decree 92/2024).
public struct RegistrationCode: Hashable, Sendable {
    public let value: String

    /// Accepts the code with surrounding spaces; anything but exactly ten ASCII digits is refused with the reason.
    public static func parse(_ text: String) -> Result<RegistrationCode, FieldProblem> {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { return .failure(.init("Chưa nhập mã số.")) }
        guard trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(.init("Mã số chỉ gồm chữ số (0–9), không có chữ, dấu cách hay dấu gạch: “\(trimmed)”."))
        }
        guard trimmed.count == 10 else {
            return .failure(.init("Mã số phải có đúng 10 chữ số; “\(trimmed)” có \(trimmed.count) chữ số."))
        }
        return .success(RegistrationCode(value: trimmed))
    }
}

/// Why one value was refused, in Vietnamese, ready to show next to the field.
public struct FieldProblem: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
