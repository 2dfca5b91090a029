import Foundation

/// The numbers DFLReproduction quotes from the papers and from peer measurements, read from the JSON
/// files in `Sources/DFLReproduction/Resources/` (one per paper, `peers.json` for PyEPO, qpth and
/// cvxpylayers). Every table in a file carries its `source`: paper and table/figure, or the
/// measurement command and date.
///
/// Each file is read once, on first use; a missing file or entry is a ``PaperNumbersError`` that
/// names the file and the key.
public enum PaperNumbers {
    /// `smoothing-paper.json`: the smoothing paper's Table 1 and Table 2.
    public static var smoothing: SmoothingPaperNumbers { get throws(PaperNumbersError) { try smoothingFile.get() } }
    /// `recursive-paper.json`: the R-DFL paper's Tables 1 and 2.
    public static var recursive: RecursivePaperNumbers { get throws(PaperNumbersError) { try recursiveFile.get() } }
    /// `energy-paper.json`: the So-EBM paper's power table, seconds per epoch and stated claims.
    public static var energy: EnergyPaperNumbers { get throws(PaperNumbersError) { try energyFile.get() } }
    /// `peers.json`: PyEPO's anchors and the qpth / cvxpylayers layer timings.
    public static var peers: PeerMeasurements { get throws(PaperNumbersError) { try peersFile.get() } }
    /// PyEPO's measured anchors (`dfl demo`, `dfl bench`).
    public static var pyepoAnchors: PeerMeasurements.PyEPO { get throws(PaperNumbersError) { try peers.pyepo } }

    /// The resource files, by name.
    public static let files = ["smoothing-paper.json", "recursive-paper.json", "energy-paper.json", "peers.json"]

    private static let smoothingFile = Result { () throws(PaperNumbersError) in
        try load(SmoothingPaperNumbers.self, file: files[0])
    }
    private static let recursiveFile = Result { () throws(PaperNumbersError) in
        try load(RecursivePaperNumbers.self, file: files[1])
    }
    private static let energyFile = Result { () throws(PaperNumbersError) in
        try load(EnergyPaperNumbers.self, file: files[2])
    }
    private static let peersFile = Result { () throws(PaperNumbersError) in
        try load(PeerMeasurements.self, file: files[3])
    }

    /// Reads the resource `file` (e.g. `"peers.json"`) as `T`.
    /// - Throws: ``PaperNumbersError`` naming the file, and the key where an entry is missing or malformed.
    public static func load<T: Decodable>(_ type: T.Type, file: String) throws(PaperNumbersError) -> T {
        let name = (file as NSString).deletingPathExtension, ext = (file as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: name, withExtension: ext) else {
            throw .missingFile(file: file)
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .malformed(file: file, key: "", reason: "cannot read \(url.path): \(error)")
        }
        return try decode(type, from: data, file: file)
    }

    /// Decodes `data` as `T`, naming `file` in errors.
    /// - Throws: ``PaperNumbersError/missingKey(file:key:)`` for an absent entry,
    ///   ``PaperNumbersError/malformed(file:key:reason:)`` for a wrong type or invalid JSON.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws(PaperNumbersError)
        -> T
    {
        let decoder = JSONDecoder()
        decoder.userInfo[.paperNumbersFile] = file
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as PaperNumbersError {
            throw error
        } catch DecodingError.keyNotFound(let key, let context) {
            throw .missingKey(file: file, key: dottedPath(context.codingPath + [key]))
        } catch DecodingError.valueNotFound(_, let context) {
            throw .missingKey(file: file, key: dottedPath(context.codingPath))
        } catch DecodingError.typeMismatch(_, let context) {
            throw .malformed(file: file, key: dottedPath(context.codingPath), reason: context.debugDescription)
        } catch DecodingError.dataCorrupted(let context) {
            throw .malformed(file: file, key: dottedPath(context.codingPath), reason: context.debugDescription)
        } catch {
            throw .malformed(file: file, key: "", reason: "\(error)")
        }
    }

    /// `table1.rows.KP (10)` from a coding path (array positions as numbers).
    static func dottedPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
