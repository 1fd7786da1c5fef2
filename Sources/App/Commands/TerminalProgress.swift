import Foundation
import HopTacCore
import Synchronization

/// How far long work (an import, the demo load, classifying a year) has got, on standard error. On a terminal one line
/// is rewritten in place; in a log file or CI output, where a rewritten line would pile up into one endless line, a
/// line is written at every tenth of the work.
final class TerminalProgress: Sendable {
    private let label: String
    private let inPlace = isatty(STDERR_FILENO) == 1
    /// The last count shown and the last tenth written.
    private let shown = Mutex((done: -1, tenth: -1))

    init(_ label: String) {
        self.label = label
    }

    /// Shows `done` of `total`; the line ends when the work is complete.
    func update(_ done: Int, _ total: Int) {
        guard total > 0 else { return }
        let percent = min(100, done * 100 / total)
        let line = "\(label): \(VietnameseNumber.format(done))/\(VietnameseNumber.format(total)) (\(percent)%)"
        let text: String? = shown.withLock { shown in
            guard done != shown.done else { return nil }
            shown.done = done
            if inPlace { return "\r" + line + (done >= total ? "\n" : "") }
            guard percent / 10 != shown.tenth else { return nil }
            shown.tenth = percent / 10
            return line + "\n"
        }
        if let text { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
