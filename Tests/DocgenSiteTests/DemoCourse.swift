import Foundation
@testable import DocgenSite

/// A three-chapter course that uses every HTML convention the pipeline emits (figures with light and dark
/// variants, tables, callouts, highlighted code, computed values, MathML), for browser tests and screenshots.
enum DemoCourse {
    static let configuration = SiteConfiguration(
        title: "Regularization: Ridge, Lasso & Elastic Net", author: "Course team", language: "en")

    /// A figure's PNG: a smooth curve on a light or dark background.
    static func figurePNG(dark: Bool) -> Data {
        TestPNG.make(width: 480, height: 270) { x, y in
            let curve = 135 - Int(90 * sin(Double(x) / 480 * 2 * .pi))
            if abs(y - curve) <= 2 { return dark ? (126, 170, 255) : (31, 91, 209) }
            if y == 240 || x == 40 { return dark ? (120, 126, 136) : (120, 126, 136) }
            return dark ? (20, 22, 27) : (255, 255, 255)
        }
    }

    static let pages: [PageContent] = [
        PageContent(
            fileName: "01-overfitting.html", number: 1, title: "Overfitting and the bias–variance trade-off",
            bodyHTML: """
                <p>A model with enough freedom fits the noise as well as the signal. With thirty points from
                <math><mi>y</mi><mo>=</mo><mi>sin</mi><mo>(</mo><mn>2</mn><mi>π</mi><mi>x</mi><mo>)</mo><mo>+</mo><mi>ε</mi></math>,
                a degree-nine polynomial reaches a training <span class="value">R² = 0.998</span> yet predicts new points badly.</p>
                <h2 id="a-flexible-model">A flexible model</h2>
                <p>See <a class="xref" href="#fig-polyfit">Figure 1.1</a>: the wiggles between the points are the overfitting.</p>
                <figure class="docgen-figure" id="fig-polyfit">
                <img class="fig-light" src="figures/polyfit.png" width="480" height="270" alt="Degree-nine polynomial through noisy points" loading="lazy">
                <img class="fig-dark" src="figures/polyfit-dark.png" width="480" height="270" alt="Degree-nine polynomial through noisy points" loading="lazy">
                <figcaption><span class="figure-number">Figure 1.1</span> Polynomial fits of increasing degree. <a class="figure-data" href="figures/polyfit.csv" download>Data (CSV)</a></figcaption>
                </figure>
                <h2 id="bias-and-variance">Bias and variance</h2>
                <p>The expected test error splits into three parts:</p>
                <math display="block"><mrow><mi mathvariant="double-struck">E</mi><mo>[</mo><msup><mrow><mo>(</mo><mi>y</mi><mo>−</mo><mover><mi>f</mi><mo>^</mo></mover><mo>)</mo></mrow><mn>2</mn></msup><mo>]</mo><mo>=</mo><msup><mtext>Bias</mtext><mn>2</mn></msup><mo>+</mo><mtext>Var</mtext><mo>+</mo><msup><mi>σ</mi><mn>2</mn></msup></mrow></math>
                <div class="callout callout-note"><p class="callout-title">Note</p><p>Only the first two depend on the model; <math><msup><mi>σ</mi><mn>2</mn></msup></math> is the noise floor.</p></div>
                <h3 id="measuring-it">Measuring it</h3>
                <p>Hold out a test set, or better, cross-validate.</p>
                """,
            toc: [TOCEntry(level: 2, text: "A flexible model", anchor: "a-flexible-model"),
                  TOCEntry(level: 2, text: "Bias and variance", anchor: "bias-and-variance"),
                  TOCEntry(level: 3, text: "Measuring it", anchor: "measuring-it")]),
        PageContent(
            fileName: "02-ridge.html", number: 2, title: "Ridge regression",
            bodyHTML: """
                <p>Ridge adds a squared penalty to least squares:</p>
                <math display="block"><mrow><munder><mi>min</mi><mi>β</mi></munder><mfrac><mn>1</mn><mrow><mn>2</mn><mi>n</mi></mrow></mfrac><msup><mrow><mo>‖</mo><mi>y</mi><mo>−</mo><mi>X</mi><mi>β</mi><mo>‖</mo></mrow><mn>2</mn></msup><mo>+</mo><mfrac><mi>α</mi><mn>2</mn></mfrac><msup><mrow><mo>‖</mo><mi>β</mi><mo>‖</mo></mrow><mn>2</mn></msup></mrow></math>
                <h2 id="shrinkage">Shrinkage</h2>
                <p>Every coefficient shrinks toward zero but none becomes exactly zero. Cross-validation picks
                <span class="value">α = 0.0412</span>.</p>
                <figure class="docgen-table" id="tbl-coefs">
                <figcaption><span class="table-number">Table 2.1</span> Coefficients along the path.</figcaption>
                <table>
                <thead><tr><th>feature</th><th class="num">α = 0.01</th><th class="num">α = 0.1</th><th class="num">α = 1</th></tr></thead>
                <tbody>
                <tr><td>bmi</td><td class="num">24.91</td><td class="num">22.05</td><td class="num">11.37</td></tr>
                <tr><td>s5</td><td class="num">23.40</td><td class="num">20.81</td><td class="num">10.92</td></tr>
                <tr><td>bp</td><td class="num">14.02</td><td class="num">12.66</td><td class="num">7.18</td></tr>
                </tbody>
                </table>
                </figure>
                <p>All ten coefficients at the selected strength:</p>
                <table><thead><tr><th>α</th><th align="right">age</th><th align="right">sex</th><th align="right">bmi</th><th align="right">bp</th><th align="right">s1</th><th align="right">s2</th><th align="right">s3</th><th align="right">s4</th><th align="right">s5</th><th align="right">s6</th></tr></thead>
                <tbody><tr><td>0.0412</td><td align="right">-0.476</td><td align="right">-11.407</td><td align="right">24.727</td><td align="right">15.429</td><td align="right">-37.680</td><td align="right">22.676</td><td align="right">4.806</td><td align="right">8.422</td><td align="right">35.734</td><td align="right">3.217</td></tr></tbody></table>
                <h2 id="in-code">In code</h2>
                <pre class="code" data-lang="python"><code class="language-python"><span class="tok-com"># ridge by the normal equations</span>
                <span class="tok-kw">import</span> numpy <span class="tok-kw">as</span> np
                <span class="tok-kw">def</span> <span class="tok-fn">ridge</span>(X, y, alpha<span class="tok-op">=</span><span class="tok-num">1.0</span>):
                    n, p <span class="tok-op">=</span> X.shape
                    <span class="tok-kw">return</span> np.linalg.<span class="tok-fn">solve</span>(X.T <span class="tok-op">@</span> X <span class="tok-op">+</span> n <span class="tok-op">*</span> alpha <span class="tok-op">*</span> np.<span class="tok-fn">eye</span>(p), X.T <span class="tok-op">@</span> y)  <span class="tok-com"># "closed form"</span></code></pre>
                <div class="callout callout-tip"><p class="callout-title">Tip</p><p>Standardize features first, or the penalty treats them unequally.</p></div>
                """,
            toc: [TOCEntry(level: 2, text: "Shrinkage", anchor: "shrinkage"),
                  TOCEntry(level: 2, text: "In code", anchor: "in-code")]),
        PageContent(
            fileName: "03-lasso.html", number: 3, title: "The lasso and sparsity",
            bodyHTML: """
                <p>The absolute-value penalty <math><mi>α</mi><msub><mrow><mo>‖</mo><mi>β</mi><mo>‖</mo></mrow><mn>1</mn></msub></math>
                sets coefficients exactly to zero by soft-thresholding.</p>
                <h2 id="soft-thresholding">Soft-thresholding</h2>
                <p>On an orthonormal design each coefficient is the least-squares one moved toward zero by α, and clipped there.</p>
                <div class="callout callout-warning"><p class="callout-title">Warning</p><p>With strongly correlated features the lasso picks one of them somewhat arbitrarily.</p></div>
                <div class="callout callout-important"><p class="callout-title">Important</p><p>The intercept is never penalized.</p></div>
                <div class="callout callout-caution"><p class="callout-title">Caution</p><p>Do not compare α across differently scaled data.</p></div>
                <h2 id="paths">Paths</h2>
                <p>Features enter one at a time as α decreases; the first to enter is <span class="value">bmi</span>.</p>
                """,
            toc: [TOCEntry(level: 2, text: "Soft-thresholding", anchor: "soft-thresholding"),
                  TOCEntry(level: 2, text: "Paths", anchor: "paths")]),
    ]

    /// Renders the course and writes it with its figures into `folder`.
    static func write(to folder: URL, overrides: URL? = nil) throws -> RenderedSite {
        var site = try SiteRenderer(configuration: configuration, themeOverrides: overrides).render(pages: pages)
        site.files["figures/polyfit.png"] = figurePNG(dark: false)
        site.files["figures/polyfit-dark.png"] = figurePNG(dark: true)
        site.files["figures/polyfit.csv"] = Data("x,y\n0,0\n0.25,1\n".utf8)
        for (path, data) in site.files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return site
    }
}
