import XCTest
final class DocgenFiguresPlaceholderTests: XCTestCase {}
