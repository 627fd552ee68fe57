import CLibXML2
import Foundation

/// Reads a document in memory with libxml2's push parser (`xmlParseChunk`), which reads CDATA
/// sections, where feeds keep their HTML, several times faster than the pull parser
/// (`xmlCtxtReadMemory`): it finds a section's end and hands its bytes over in place, where the
/// pull parser copies them character by character. A whole feed parses in about half the time.
///
/// For a document it reads without an error it builds the pull parser's tree, given that
/// - the bytes are UTF-8 without a carriage return (`suits`): libxml2 2.9's pull parser reads
///   CR LF inside CDATA as LF, its push parser keeps the CR;
/// - a CDATA section's text node gets the line the section ends on, as the pull parser gives it
///   (`cdataBlock`).
/// `MarkupParser` leaves a document with errors to the pull parser, whose recovery and messages
/// they are.
enum XMLPushParser {
    /// Whether the push parser builds what the pull parser would from `input`'s bytes.
    static func suits(_ input: XMLInputEncoding) -> Bool {
        input.isUTF8 && input.data.withUnsafeBytes { bytes in
            bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\r")), bytes.count) == nil } ?? true
        }
    }

    /// The bytes pushed at a time. A chunk may end anywhere (inside a tag, a character or a
    /// CDATA section): the parser waits for the rest.
    private static let chunkSize = 64 * 1024

    /// Parses `bytes` (UTF-8) with `options` inside `session` and returns the document the
    /// parser built, if any; its errors go to the thread's structured error handler.
    static func parse(_ bytes: UnsafeBufferPointer<CChar>, url: String?, options: Int32, session: ParseSession) -> xmlDocPtr? {
        guard let base = bytes.baseAddress, let context = xmlCreatePushParserCtxt(nil, nil, nil, 0, nil) else { return nil }
        defer { xmlFreeParserCtxt(context) }
        // The URL as given, as the pull parser names its input (the push parser would take it for a path).
        if let url, let input = context.pointee.input, let copy = xmlStrdup(url) {
            input.pointee.filename = UnsafeRawPointer(copy).assumingMemoryBound(to: CChar.self)
        }
        xmlCtxtUseOptions(context, options)
        session.install(in: context)
        // After the options: XML_PARSE_NOCDATA removes the handler.
        context.pointee.sax.pointee.cdataBlock = cdataBlock
        var offset = 0
        while offset < bytes.count, context.pointee.instate != XML_PARSER_EOF {
            let length = min(chunkSize, bytes.count - offset)
            xmlParseChunk(context, base + offset, Int32(length), 0)
            offset += length
        }
        xmlParseChunk(context, nil, 0, 1)
        return context.pointee.myDoc
    }

    /// A CDATA section, read as the pull parser reads it with XML_PARSE_NOCDATA: as characters,
    /// and a text node it makes numbered with the line the section ends on. (The push parser
    /// hands a section over before it counts the section's lines, in pieces while its end has
    /// not been pushed yet; the pull parser makes the node once it has read the section.)
    private static let cdataBlock: cdataBlockSAXFunc = { context, text, length in
        let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self)
        let parent = parser?.pointee.node
        let lastBefore = parent?.pointee.last
        xmlSAX2Characters(context, text, length)
        guard let parser, let parent, let input = parser.pointee.input, let session = ParseSession.of(parser) else { return }
        if startsSection(input.pointee) {
            // A new node, or the text before the section went on.
            session.sectionText = parent.pointee.last == lastBefore ? nil : parent.pointee.last
        }
        guard let node = session.sectionText, node == parent.pointee.last else { return }
        // The input is still at the start of this piece.
        setLine(of: node, to: Int(input.pointee.line) + newlines(in: text, count: Int(length)))
    }

    /// Whether the piece handed over now is the first of its section: the input is right after `<![CDATA[`.
    private static func startsSection(_ input: xmlParserInput) -> Bool {
        let opening = "<![CDATA["
        guard let cursor = input.cur, let start = input.base, cursor - start >= opening.utf8.count else { return false }
        return opening.withCString { memcmp(cursor - opening.utf8.count, $0, opening.utf8.count) == 0 }
    }

    private static func newlines(in text: UnsafePointer<xmlChar>?, count: Int) -> Int {
        guard var rest = text.map(UnsafeRawPointer.init) else { return 0 }
        var remaining = count, found = 0
        while remaining > 0, let newline = memchr(rest, Int32(UInt8(ascii: "\n")), remaining) {
            found += 1
            remaining -= UnsafeRawPointer(newline) - rest + 1
            rest = UnsafeRawPointer(newline) + 1
        }
        return found
    }

    /// Numbers `node` as libxml2's tree builder numbers text nodes with XML_PARSE_BIG_LINES:
    /// from line 65,535 on the line is kept in `psvi`.
    private static func setLine(of node: xmlNodePtr, to line: Int) {
        if line < Int(UInt16.max) {
            node.pointee.line = UInt16(line)
        } else {
            node.pointee.line = UInt16.max
            node.pointee.psvi = UnsafeMutableRawPointer(bitPattern: line)
        }
    }
}
