// The TeX converter: a formula becomes MathML and plain text, or one located error. The first byte picks
// inline or display math.
import DocgenDiagnostics
@testable import DocgenMarkup
import FuzzSupport

FuzzDriver.run("tex") { input in
    guard let first = input.first else { return }
    let tex = FuzzDriver.text(UnsafeRawBufferPointer(rebasing: input.dropFirst()))
    let display = first & 1 == 1
    if case let .success(nodes) = TeX.parse(tex, display: display) {
        _ = TeX.mathML(nodes: nodes, tex: tex, display: display)
        _ = MathPlainText.text(nodes)
    }
}
