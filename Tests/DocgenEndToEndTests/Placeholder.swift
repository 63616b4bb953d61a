import XCTest
final class DocgenEndToEndPlaceholderTests: XCTestCase {}
