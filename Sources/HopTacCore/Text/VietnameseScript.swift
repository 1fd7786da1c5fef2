import Foundation

/// The characters Vietnamese names are written with, to catch text that came through the wrong encoding before it is
/// stored: "H?p tác xã" (Excel's CSV in a Western code page), "Hîp t¸c x·" (the old TCVN3 fonts), "Hôïp taùc xaõ" (VNI).
public enum VietnameseScript {
    /// The first character of `text` outside printable ASCII (less "?"), the Vietnamese letters and typographic
    /// dashes and quotes; nil when there is none.
    public static func foreignCharacter(in text: String) -> Character? {
        text.first { character in
            if character.isASCII { return character == "?" || !(character.isLetter || character.isNumber || character.isPunctuation || character.isSymbol || character.isWhitespace) }
            return !character.isWhitespace && !allowed.contains(character)
        }
    }

    /// Every vowel with each of the five tone marks (and none), đ, in both cases; and – — ‘ ’ “ ” ….
    private static let allowed: Set<Character> = {
        let tones = ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"]
        var letters: Set<Character> = ["đ", "Đ", "–", "—", "‘", "’", "“", "”", "…"]
        for vowel in "aăâeêioôơuưy" {
            for tone in tones {
                let lower = (String(vowel) + tone).precomposedStringWithCanonicalMapping
                letters.insert(Character(lower))
                letters.insert(Character(lower.uppercased()))
            }
        }
        return letters
    }()
}
