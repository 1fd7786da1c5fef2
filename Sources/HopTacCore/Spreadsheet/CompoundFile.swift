import Foundation

/// The streams of an OLE compound file (MS-CFB), the container of Excel 97–2003 workbooks and of password-protected
/// .xlsx files. Only reading, and only what those need: the FAT and mini FAT chains and the directory's streams.
struct CompoundFile {
    /// Why the container could not be read; the caller words it for people.
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private let sectorSize: Int
    private let fat: [UInt32]
    private let miniFAT: [UInt32]
    private let miniStream: [UInt8]
    private let miniCutoff: Int
    /// Stream name, in capitals (MS-CFB compares names without case) → (first sector, size).
    private let streams: [String: (start: UInt32, size: Int)]

    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let free: UInt32 = 0xFFFF_FFFF

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        self.bytes = bytes
        guard bytes.count >= 512, bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) else { throw Damaged() }
        let shift = Int(Self.u16(bytes, 0x1E))
        guard shift == 9 || shift == 12 else { throw Damaged() }
        sectorSize = 1 << shift
        miniCutoff = Int(Self.u32(bytes, 0x38))
        // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
        var fatSectors = (0..<109).map { Self.u32(bytes, 0x4C + 4 * $0) }.filter { $0 != Self.free }
        var difat = Self.u32(bytes, 0x44)
        var visited = 0
        while difat != Self.endOfChain && difat != Self.free {
            visited += 1
            guard visited <= bytes.count / sectorSize else { throw Damaged() }
            let sector = try Self.sector(bytes, Int(difat), size: sectorSize)
            let perSector = sectorSize / 4 - 1
            fatSectors += (0..<perSector).map { Self.u32(sector, 4 * $0) }.filter { $0 != Self.free }
            difat = Self.u32(sector, 4 * perSector)
        }
        var fat: [UInt32] = []
        for number in fatSectors {
            let sector = try Self.sector(bytes, Int(number), size: sectorSize)
            fat += (0..<(sectorSize / 4)).map { Self.u32(sector, 4 * $0) }
        }
        self.fat = fat
        let directory = try Self.chain(from: Self.u32(bytes, 0x30), fat: fat, bytes: bytes, sectorSize: sectorSize)
        var streams: [String: (start: UInt32, size: Int)] = [:]
        var root: (start: UInt32, size: Int)?
        for offset in stride(from: 0, to: directory.count - 127, by: 128) {
            let nameLength = min(64, Int(Self.u16(directory, offset + 0x40)))
            let units = (0..<max(0, nameLength / 2 - 1)).map { Self.u16(directory, offset + 2 * $0) }
            let entry = (start: Self.u32(directory, offset + 0x74), size: Int(Self.u32(directory, offset + 0x78)))
            switch directory[offset + 0x42] {
            case 5: root = entry
            case 2: streams[String(decoding: units, as: UTF16.self).uppercased()] = entry
            default: break
            }
        }
        self.streams = streams
        // Streams under the cutoff live in the mini stream (the root entry's data), in 64-byte mini sectors.
        if let root, root.size > 0 {
            miniStream = Array(try Self.chain(from: root.start, fat: fat, bytes: bytes, sectorSize: sectorSize).prefix(root.size))
            let miniFATBytes = try Self.chain(from: Self.u32(bytes, 0x3C), fat: fat, bytes: bytes, sectorSize: sectorSize)
            miniFAT = (0..<(miniFATBytes.count / 4)).map { Self.u32(miniFATBytes, 4 * $0) }
        } else {
            miniStream = []
            miniFAT = []
        }
    }

    func contains(_ name: String) -> Bool { streams[name.uppercased()] != nil }

    func stream(_ name: String) throws -> [UInt8]? {
        guard let entry = streams[name.uppercased()] else { return nil }
        if entry.size < miniCutoff {
            var data: [UInt8] = []
            var sector = entry.start
            while sector != Self.endOfChain && data.count < entry.size {
                let start = Int(sector) * 64
                guard Int(sector) < miniFAT.count, start + 64 <= miniStream.count else { throw Damaged() }
                data += miniStream[start..<(start + 64)]
                sector = miniFAT[Int(sector)]
            }
            guard data.count >= entry.size else { throw Damaged() }
            return Array(data.prefix(entry.size))
        }
        let data = try Self.chain(from: entry.start, fat: fat, bytes: bytes, sectorSize: sectorSize)
        guard data.count >= entry.size else { throw Damaged() }
        return Array(data.prefix(entry.size))
    }

    /// The sectors of a FAT chain, joined; a chain that loops or leaves the file means a damaged file.
    private static func chain(from start: UInt32, fat: [UInt32], bytes: [UInt8], sectorSize: Int) throws -> [UInt8] {
        var data: [UInt8] = []
        var sector = start
        var steps = 0
        while sector != endOfChain && sector != free {
            steps += 1
            guard Int(sector) < fat.count, steps <= fat.count else { throw Damaged() }
            data += try Self.sector(bytes, Int(sector), size: sectorSize)
            sector = fat[Int(sector)]
        }
        return data
    }

    /// Sector n follows the header, which takes one sector's room.
    private static func sector(_ bytes: [UInt8], _ number: Int, size: Int) throws -> [UInt8] {
        let start = (number + 1) * size
        guard start < bytes.count else { throw Damaged() }
        // Some writers cut the file's last sector short; the missing bytes read as zeros.
        let present = Array(bytes[start..<min(start + size, bytes.count)])
        return present.count == size ? present : present + [UInt8](repeating: 0, count: size - present.count)
    }

    static func u16<C: RandomAccessCollection>(_ bytes: C, _ offset: Int) -> UInt16 where C.Element == UInt8, C.Index == Int {
        let base = bytes.startIndex + offset
        return UInt16(bytes[base]) | UInt16(bytes[base + 1]) << 8
    }

    static func u32<C: RandomAccessCollection>(_ bytes: C, _ offset: Int) -> UInt32 where C.Element == UInt8, C.Index == Int {
        let base = bytes.startIndex + offset
        return UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16 | UInt32(bytes[base + 3]) << 24
    }
}
