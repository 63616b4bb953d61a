import DocgenMarkup
import Foundation
@testable import DocgenSite

/// A three-chapter course that uses every kind of block the pipeline builds (figures with light and dark
/// variants, numbered and Markdown tables, callouts, highlighted code, computed values, math), written in
/// Markdown and rendered by the site, for browser tests and screenshots.
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

    /// What the demo's directives, roles and references resolve to.
    static let resolver = SiteTestResolver(
        figures: ["polyfit": Figure(number: "1.1", id: "fig-polyfit", image: "figures/polyfit.png",
                                    darkImage: "figures/polyfit-dark.png", width: 480, height: 270,
                                    alt: "Degree-nine polynomial through noisy points",
                                    caption: [.text("Polynomial fits of increasing degree.")],
                                    dataFile: "figures/polyfit.csv")],
        tables: ["coefs": NumberedTable(
            number: "2.1", id: "tbl-coefs", caption: [.text("Coefficients along the path.")],
            header: [[.text("feature")], [.text("α = 0.01")], [.text("α = 0.1")], [.text("α = 1")]],
            rows: [[[.text("bmi")], [.text("24.91")], [.text("22.05")], [.text("11.37")]],
                   [[.text("s5")], [.text("23.40")], [.text("20.81")], [.text("10.92")]],
                   [[.emphasis([.text("intercept")])], [.text("152.1")], [.text("152.1")], [.text("152.1")]]],
            numericColumns: [false, true, true, true])],
        values: ["polyfit.r2_train": "R² = 0.998", "ridge.alpha_min": "α = 0.0412", "lasso.entry.1": "bmi"],
        labels: ["fig-polyfit": CrossReference(href: "#fig-polyfit", text: "Figure 1.1")])

    static let pages: [PageContent] = [
        SiteFixtures.page("01-overfitting.html", 1, "Overfitting and the bias–variance trade-off", #"""
            # Overfitting and the bias–variance trade-off

            A model with enough freedom fits the noise as well as the signal. With thirty points from
            $y = \sin(2\pi x) + \varepsilon$, a degree-nine polynomial reaches a training {value}`polyfit.r2_train`
            yet predicts new points badly.

            ## A flexible model

            See @fig-polyfit: the wiggles between the points are the overfitting.

            ```{figure} polyfit
            ```

            ## Bias and variance

            The expected test error splits into three parts:

            $$
            \mathbb{E}\left[(y - \hat{f})^2\right] = \text{Bias}^2 + \text{Var} + \sigma^2
            $$

            > [!NOTE]
            > Only the first two depend on the model; $\sigma^2$ is the noise floor.

            ### Measuring it

            Hold out a test set, or better, cross-validate.
            """#, resolver: resolver),
        SiteFixtures.page("02-ridge.html", 2, "Ridge regression", #"""
            # Ridge regression

            Ridge adds a squared penalty to least squares:

            $$
            \min_\beta \frac{1}{2n}\lVert y - X\beta \rVert^2 + \frac{\alpha}{2}\lVert \beta \rVert^2
            $$

            ## Shrinkage

            Every coefficient shrinks toward zero but none becomes exactly zero. Cross-validation picks
            {value}`ridge.alpha_min`.

            ```{table} coefs
            ```

            All ten coefficients at the selected strength:

            | α | age | sex | bmi | bp | s1 | s2 | s3 | s4 | s5 | s6 |
            |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
            | 0.0412 | -0.476 | -11.407 | 24.727 | 15.429 | -37.680 | 22.676 | 4.806 | 8.422 | 35.734 | 3.217 |

            ## In code

            ```python
            # ridge by the normal equations
            import numpy as np
            def ridge(X, y, alpha=1.0):
                n, p = X.shape
                return np.linalg.solve(X.T @ X + n * alpha * np.eye(p), X.T @ y)  # "closed form"
            ```

            > [!TIP]
            > Standardize features first, or the penalty treats them unequally.
            """#, resolver: resolver),
        SiteFixtures.page("03-lasso.html", 3, "The lasso and sparsity", #"""
            # The lasso and sparsity

            The absolute-value penalty $\alpha\lVert\beta\rVert_1$
            sets coefficients exactly to zero by soft-thresholding.

            ## Soft-thresholding

            On an orthonormal design each coefficient is the least-squares one moved toward zero by α, and clipped there.

            > [!WARNING]
            > With strongly correlated features the lasso picks one of them somewhat arbitrarily.

            > [!IMPORTANT]
            > The intercept is never penalized.

            > [!CAUTION]
            > Do not compare α across differently scaled data.

            ## Paths

            Features enter one at a time as α decreases; the first to enter is {value}`lasso.entry.1`.
            """#, resolver: resolver),
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
