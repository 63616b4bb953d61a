// The CSV loader: text becomes a data set or one located DataError. The target is the header's first name,
// so well-formed inputs reach the cells; a second pass selects the features the first line names after a '#'.
import DocgenModels
import FuzzSupport

FuzzDriver.run("csv") { input in
    let text = FuzzDriver.text(input)
    let header = text.prefix { $0 != "\n" && $0 != "\r" }
    let names = header.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
    let target = names.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "y"
    _ = try? Dataset.parse(csvText: text, file: "fuzz.csv", target: target)
    _ = try? Dataset.parse(csvText: text, file: "fuzz.csv", target: target,
                           features: Array(names.dropFirst().prefix(3)).map { $0.trimmingCharacters(in: .whitespaces) })
}
