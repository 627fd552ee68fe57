import CLibXML2
import Foundation

/// Receives what `HTMLFragmentReader` reads of a fragment: the elements and text nodes of the
/// `body` libxml2's HTML parser makes of it, in document order.
protocol HTMLContentVisitor {
    /// An element begins. Returns whether to visit what it contains; if not, neither its
    /// content nor its end is reported.
    mutating func startElement(_ element: HTMLStartTag) -> Bool
    /// The element begun last and not ended yet ends.
    mutating func endElement()
    /// Text (of a text node or CDATA section) in the pieces the parser reports: up to 1,000
    /// bytes, each entity apart, always whole scalars. A node's pieces follow each other, so
    /// what is made of the text must not depend on where it is cut.
    mutating func text(_ utf8: UnsafeBufferPointer<UInt8>)
}

/// An element's start tag as libxml2's HTML parser reports it; valid only during the call.
struct HTMLStartTag {
    /// The name, NUL-terminated (the parser gives lowercase ASCII).
    let name: UnsafePointer<xmlChar>
    /// Name, value, name, value, …, nil; a value is nil for an attribute written without one.
    let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The name in lowercase (the parser gives lowercase names already).
    var lowercaseName: String {
        let text = String(cString: name)
        return text.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }) ? text.lowercased() : text
    }

    /// Calls `body` with each attribute's name and value (nil: written without a value), in document order.
    func forEachAttribute(_ body: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>?) -> Void) {
        guard var pair = attributes else { return }
        while let name = pair.pointee {
            body(name, pair.successor().pointee)
            pair += 2
        }
    }
}

/// Reads an HTML fragment (a feed description, a partner's content) with libxml2's HTML
/// parser in recover mode and hands its content to a visitor as the parser reports it (SAX),
/// without building a tree: the parser applies its implied end tags before it reports an
/// element's end, so the visitor sees exactly the nodes the document's `body` would hold.
/// HTML errors are expected and not reported; nothing is fetched.
enum HTMLFragmentReader {
    /// Reads `html` (UTF-8) into `visitor`. Like a C string, the fragment ends at a NUL
    /// byte, if it has one (and then the closing tags are left to the parser). The visitor
    /// must not read another fragment meanwhile: the thread's parser is busy.
    static func read<Visitor: HTMLContentVisitor>(_ html: UnsafeBufferPointer<UInt8>, into visitor: inout Visitor) {
        let head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>", tail = "</body></html>"
        var length = html.count
        if let base = html.baseAddress, let nul = memchr(base, 0, html.count) { length = UnsafeRawPointer(nul) - UnsafeRawPointer(base) }
        MarkupParser.refuseExternalEntities
        guard let context = threadContext else { return }
        wrappedFragments.withBuffer { wrapped in
            wrapped.reserveCapacity(head.utf8.count + html.count + tail.utf8.count)
            wrapped.append(contentsOf: head.utf8)
            wrapped.append(contentsOf: UnsafeBufferPointer(rebasing: html[..<length]))
            if length == html.count { wrapped.append(contentsOf: tail.utf8) }
            read(wrapped, with: context, into: &visitor)
        }
    }

    private static func read<Visitor: HTMLContentVisitor>(_ wrapped: [UInt8], with context: htmlParserCtxtPtr, into visitor: inout Visitor) {
        withUnsafeMutablePointer(to: &visitor) { visitor in
            let events = VisitingEvents(visitor)
            context.pointee._private = Unmanaged.passUnretained(events).toOpaque()
            defer { context.pointee._private = nil }
            wrapped.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { bytes in
                    // No encoding given: the `meta` above declares UTF-8 before the first
                    // non-ASCII byte, so libxml2 reads the bytes as they are instead of copying
                    // them through its UTF-8 "converter". No document is made (see `installHandlers`).
                    withExtendedLifetime(events) {
                        _ = htmlCtxtReadMemory(context, bytes.baseAddress, Int32(clamping: bytes.count), nil, nil, options)
                    }
                }
            }
            events.finish()
        }
    }

    /// The fragments wrapped into a document, one buffer per thread.
    private static let wrappedFragments = ScratchBuffer()

    /// This thread's parser context, made on first use and reused: `htmlCtxtReadMemory` resets
    /// it for each fragment. Its dictionary keeps the element and attribute names seen, so one
    /// that has seen too many is replaced.
    private static var threadContext: htmlParserCtxtPtr? {
        if let context = pthread_getspecific(contextKey)?.assumingMemoryBound(to: htmlParserCtxt.self) {
            guard xmlDictSize(context.pointee.dict) > 10_000 else { return context }
            htmlFreeParserCtxt(context)
            pthread_setspecific(contextKey, nil)
        }
        guard let context = htmlNewParserCtxt() else { return nil }
        installHandlers(in: context.pointee.sax)
        pthread_setspecific(contextKey, context)
        return context
    }

    /// The key of `threadContext`; a thread's context is freed when the thread ends.
    private static let contextKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { context in
            context.map { htmlFreeParserCtxt($0.assumingMemoryBound(to: htmlParserCtxt.self)) }
        }
        return key
    }()

    private static let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                                       | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue)

    /// Sets the SAX handlers: elements, text and CDATA; errors go nowhere. No document is
    /// made (no `startDocument`).
    private static func installHandlers(in handlers: UnsafeMutablePointer<htmlSAXHandler>) {
        handlers.pointee = htmlSAXHandler()
        handlers.pointee.initialized = XML_SAX2_MAGIC
        handlers.pointee.startElement = { context, name, attributes in
            guard let name else { return }
            ContentEvents.of(context)?.startElement(HTMLStartTag(name: name, attributes: attributes), parser: context)
        }
        handlers.pointee.endElement = { context, _ in ContentEvents.of(context)?.endElement() }
        handlers.pointee.characters = { context, text, length in
            guard let text else { return }
            ContentEvents.of(context)?.text(UnsafeBufferPointer(start: text, count: Int(length)))
        }
        handlers.pointee.cdataBlock = { context, text, length in
            guard let text else { return }
            ContentEvents.of(context)?.text(UnsafeBufferPointer(start: text, count: Int(length)))
        }
        handlers.pointee.serror = { _, _ in }
    }
}

/// The parser's events turned into what the tree would hold below the `body`: the state of
/// one read. The document is `<html><head>…</head><body>` + fragment, so the content is what
/// lies inside the first `body` of the root element.
private class ContentEvents {
    /// libxml2's tree builder refuses an element nested deeper than this (`xmlParserMaxDepth`
    /// without `XML_PARSE_HUGE`) and stops the parse there: so does this.
    private static let maximumDepth = 256

    /// The elements open, as the tree builder counts them (the root element is 1).
    private var depth = 0
    private var seenRoot = false, inRoot = false
    private var seenBody = false, inBody = false
    /// The depth of the element whose content is skipped (the visitor said so), or 0.
    private var skippedDepth = 0
    /// Elements reported as begun and not yet as ended.
    private var openReported = 0
    private var stopped = false

    /// The events of the parser whose `_private` is one.
    static func of(_ parser: UnsafeMutableRawPointer?) -> ContentEvents? {
        guard let parser = parser?.assumingMemoryBound(to: xmlParserCtxt.self), let events = parser.pointee._private else { return nil }
        return Unmanaged<ContentEvents>.fromOpaque(events).takeUnretainedValue()
    }

    /// Whether what is read now lies inside the body and is not skipped.
    private var isVisible: Bool { inBody && skippedDepth == 0 }

    func startElement(_ element: HTMLStartTag, parser: UnsafeMutableRawPointer?) {
        guard !stopped else { return }
        guard depth <= Self.maximumDepth else {
            stopped = true
            xmlStopParser(parser?.assumingMemoryBound(to: xmlParserCtxt.self))
            return
        }
        depth += 1
        switch depth {
        case 1:
            inRoot = !seenRoot
            seenRoot = true
        case 2:
            if inRoot, !seenBody, xmlStrEqual(element.name, "body") != 0 {
                seenBody = true
                inBody = true
            }
        default:
            guard isVisible else { return }
            if report(element) {
                openReported += 1
            } else {
                skippedDepth = depth
            }
        }
    }

    func endElement() {
        guard !stopped, depth > 0 else { return }
        if depth >= 3, inBody {
            if skippedDepth == depth {
                skippedDepth = 0
            } else if skippedDepth == 0 {
                openReported -= 1
                reportEnd()
            }
        } else if depth == 2 {
            inBody = false
        } else if depth == 1 {
            inRoot = false
        }
        depth -= 1
    }

    func text(_ piece: UnsafeBufferPointer<UInt8>) {
        guard !stopped, isVisible else { return }
        reportText(piece)
    }

    /// After the parse: the ends of the elements still open (at the end of the input
    /// libxml2 closes them; after a stop it does not).
    func finish() {
        while openReported > 0 {
            openReported -= 1
            reportEnd()
        }
    }

    func report(_ element: HTMLStartTag) -> Bool { preconditionFailure("overridden") }
    func reportEnd() { preconditionFailure("overridden") }
    func reportText(_ utf8: UnsafeBufferPointer<UInt8>) { preconditionFailure("overridden") }
}

/// `ContentEvents` handed to a visitor, which lives as long as the read.
private final class VisitingEvents<Visitor: HTMLContentVisitor>: ContentEvents {
    let visitor: UnsafeMutablePointer<Visitor>

    init(_ visitor: UnsafeMutablePointer<Visitor>) { self.visitor = visitor }

    override func report(_ element: HTMLStartTag) -> Bool { visitor.pointee.startElement(element) }
    override func reportEnd() { visitor.pointee.endElement() }
    override func reportText(_ utf8: UnsafeBufferPointer<UInt8>) { visitor.pointee.text(utf8) }
}
