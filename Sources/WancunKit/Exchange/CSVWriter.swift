import Foundation

/// Writes CSV as Excel reads it best: UTF-8 with a byte-order mark, `\r\n` line ends, and
/// quotes only where a cell needs them.
public struct CSVWriter {
    public private(set) var data = Data(TextEncoding.bom)

    public init() {}

    public mutating func append(_ cells: [String]) {
        var line = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { line += "," }
            line += CSVWriter.quoted(cell)
        }
        line += "\r\n"
        data.append(contentsOf: line.utf8)
    }

    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes the file whole, replacing any file at `path` only once the new one is complete.
    public func write(to path: String) throws(RowProblem) {
        try FileOutput.write(data, to: path)
    }
}

/// Writing a finished file: whole, replacing any file at the path only once it is complete.
public enum FileOutput {
    public static func write(_ data: Data, to path: String) throws(RowProblem) {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RowProblem(file: path, row: nil, rule: "FILE_UNWRITABLE", message: .cannotWrite(error.localizedDescription))
        }
    }
}
