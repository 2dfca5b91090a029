import CCoinOR
import DFLOptimization
import Foundation

/// Reading a user's model from an MPS or LP file into a ``MixedIntegerProgram`` (through CBC's
/// readers), and the problem type `dfl train --model` trains on.
public enum ModelFile {
    /// Reads `path` (`.mps`, `.mps.gz` or `.lp`).
    /// - Throws: ``SolverError`` `.invalidModel` naming the file when it is missing or unreadable.
    public static func read(_ path: String) throws -> MixedIntegerProgram {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SolverError(.invalidModel, "\(path): no such file")
        }
        let handle = CBCHandle()
        let m = handle.model
        Cbc_setLogLevel(m, 0)
        cbcLock.lock()
        let status = path.lowercased().hasSuffix(".lp") ? Cbc_readLp(m, path) : Cbc_readMps(m, path)
        cbcLock.unlock()
        guard status == 0 else {
            throw SolverError(.invalidModel, "\(path): CBC could not read the model (status \(status))")
        }
        let n = Int(Cbc_getNumCols(m)), rows = Int(Cbc_getNumRows(m))
        guard n > 0 else { throw SolverError(.invalidModel, "\(path): the model has no variables") }
        let obj = Cbc_getObjCoefficients(m)!, lo = Cbc_getColLower(m)!, up = Cbc_getColUpper(m)!
        let rlo = Cbc_getRowLower(m)!, rup = Cbc_getRowUpper(m)!
        let big = 1e30
        func unbig(_ x: Double) -> Double { x >= big ? .infinity : x <= -big ? -.infinity : x }
        var eqA: [[Double]] = [], eqB: [Double] = [], inA: [[Double]] = [], inH: [Double] = []
        for i in 0..<rows {
            var row = [Double](repeating: 0, count: n)
            let nz = Int(Cbc_getRowNz(m, Int32(i)))
            if nz > 0 {
                let idx = Cbc_getRowIndices(m, Int32(i))!, val = Cbc_getRowCoeffs(m, Int32(i))!
                for k in 0..<nz { row[Int(idx[k])] = val[k] }
            }
            let l = unbig(rlo[i]), u = unbig(rup[i])
            if l == u {
                eqA.append(row)
                eqB.append(u)
            } else {
                if u < .infinity {
                    inA.append(row)
                    inH.append(u)
                }
                if l > -.infinity {
                    inA.append(row.map { -$0 })
                    inH.append(-l)
                }
            }
        }
        var names: [String] = []
        var buffer = [CChar](repeating: 0, count: Int(Cbc_maxNameLength(m)) + 1)
        for j in 0..<n {
            Cbc_getColName(m, Int32(j), &buffer, buffer.count)
            names.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        var sense: ObjectiveSense = Cbc_getObjSense(m) < 0 ? .maximize : .minimize
        let objective = (0..<n).map { obj[$0] }
        if path.lowercased().hasSuffix(".lp") {
            // CBC 2.10's LP reader keeps the coefficients but drops "Maximize" (checked in the tests).
            if lpDeclaresMaximize(path) { sense = .maximize }
        } else if let declared = mpsObjectiveSense(path) {
            sense = declared
        }
        return MixedIntegerProgram(
            objective: objective, sense: sense,
            equalityMatrix: eqA, equalityRHS: eqB, inequalityMatrix: inA, inequalityRHS: inH,
            lowerBounds: (0..<n).map { unbig(lo[$0]) }, upperBounds: (0..<n).map { unbig(up[$0]) },
            integrality: (0..<n).map { Cbc_isInteger(m, Int32($0)) != 0 }, variableNames: names)
    }
}

/// The `OBJSENSE` section of an MPS file (`MAX`/`MAXIMIZE`/`MIN`/`MINIMIZE`, on the same line or
/// the next), which CBC 2.10's reader ignores; nil when absent.
func mpsObjectiveSense(_ path: String) -> ObjectiveSense? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
    for (i, line) in lines.enumerated() where line.hasPrefix("OBJSENSE") {
        let rest = line.dropFirst("OBJSENSE".count).trimmingCharacters(in: .whitespaces)
        let word = rest.isEmpty && i + 1 < lines.count ? lines[i + 1] : rest
        if word.hasPrefix("MAX") { return .maximize }
        if word.hasPrefix("MIN") { return .minimize }
    }
    return nil
}

/// Whether an LP-format file's objective section is `Maximize` (`max`, `maximum`, `maximise`).
func lpDeclaresMaximize(_ path: String) -> Bool {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
    for raw in text.split(whereSeparator: \.isNewline) {
        let line = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if line.isEmpty || line.hasPrefix("\\") { continue }
        return line.hasPrefix("max")
    }
    return false
}

/// A user's model as a training problem: every variable's objective coefficient is predicted.
public struct UserModel: LinearProgramRepresentable {
    /// The model as read.
    public let program: MixedIntegerProgram
    /// Label for messages (the file name).
    public let name: String

    /// Wraps a program.
    public init(program: MixedIntegerProgram, name: String) {
        self.program = program
        self.name = name
    }

    /// Reads a model file.
    public init(path: String) throws {
        self.init(program: try ModelFile.read(path), name: (path as NSString).lastPathComponent)
    }

    /// One cost per variable.
    public var costDimension: Int { program.variableCount }
    /// The file's objective sense.
    public var sense: ObjectiveSense { program.sense }

    /// The program with `costs` as its objective.
    public func asMILP(costs: [Double]?) -> MixedIntegerProgram {
        var p = program
        if let costs { p.objective = costs }
        return p
    }
}
