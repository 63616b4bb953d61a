import XCTest
final class DocgenPlottingPlaceholderTests: XCTestCase {}
