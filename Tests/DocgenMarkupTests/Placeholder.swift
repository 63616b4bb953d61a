import XCTest
final class DocgenMarkupPlaceholderTests: XCTestCase {}
