import ArchivarCore
import CLibXML2
import Foundation

/// Parses XML and HTML with libxml2 in recover mode: what can be recovered is kept,
/// every error is reported with its line. Never loads external entities or DTDs,
/// never touches the network, keeps libxml2's entity-amplification limits.
public enum MarkupParser {
    /// Parses an XML document. Throws only when nothing at all could be recovered.
    /// HTML named entities (`&nbsp;`, `&uuml;`, `&hellip;`), which feeds use without
    /// declaring them, are read as the characters they name.
    /// - Parameters:
    ///   - url: the document's URL, the base for relative links.
    ///   - encoding: the `charset` the server declared; it wins over the XML declaration
    ///     (RFC 7303), a byte order mark wins over both (see `XMLInputEncoding`).
    ///   - localNames: the local names (in any namespace) of the elements handed to `elementEnded`.
    ///   - elementEnded: called on the parsing thread with each such element as soon as its
    ///     end tag is read, while the parse goes on. Such an element never changes again:
    ///     other threads may read it meanwhile, inside `MarkupNode.reading`. (An element the
    ///     document never closes, as at a truncated end, is not handed over.) For a big
    ///     document another thread checks meanwhile that bytes meant to be UTF-8 are; if
    ///     they are not, the document is read again (as Windows-1252) without handing over
    ///     elements, and the ones handed over before are not in the document returned
    ///     (`MarkupDocument.contains`).
    public static func xml(_ data: Data, url: String? = nil, encoding: String? = nil, handingOver localNames: [String] = [],
                           elementEnded: ((MarkupNode) -> Void)? = nil) throws -> MarkupDocument {
        refuseExternalEntities
        // A thread for the check pays off from some hundred kilobytes on.
        let input = XMLInputEncoding(data, charset: encoding, assumingValidUTF8: elementEnded != nil && data.count >= 256 * 1024)
        if input.assumedValidUTF8 {
            let check = XMLInputEncoding.ConcurrentCheck(data)
            let document = Result { try parse(input, url: url, localNames: localNames, elementEnded: elementEnded) }
            guard check.isValid() else { return try xml(data, url: url, encoding: encoding) }
            return try document.get()
        }
        return try parse(input, url: url, localNames: localNames, elementEnded: elementEnded)
    }

    private static func parse(_ input: XMLInputEncoding, url: String?, localNames: [String],
                              elementEnded: ((MarkupNode) -> Void)?) throws -> MarkupDocument {
        var options = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_BIG_LINES.rawValue
        if input.override != nil { options |= XML_PARSE_IGNORE_ENC.rawValue }
        // A tree from some hundred kilobytes on takes a while to free: see `MarkupTree`.
        let isBig = input.data.count >= 256 * 1024
        let stream = elementEnded.map { StreamingParse(localNames: localNames, elementEnded: $0, freesInBackground: isBig) }
        guard XMLPushParser.suits(input) else {
            return try document(read(input, url: url, options: Int32(options), stream: stream, pushing: false), of: input,
                                stream: stream, isBig: isBig)
        }
        let pushed = read(input, url: url, options: Int32(options), stream: stream, pushing: true)
        if pushed.handle != nil, pushed.problems.isEmpty {
            return try document(pushed, of: input, stream: stream, isBig: isBig)
        }
        // Errors: read again by the pull parser, whose recovery and messages they are
        // (elements handed over came from the tree dropped here; see `MarkupDocument.contains`).
        if let handle = pushed.handle, stream?.tree == nil { xmlFreeDoc(handle) }
        return try document(read(input, url: url, options: Int32(options), stream: nil, pushing: false), of: input,
                            stream: nil, isBig: isBig)
    }

    /// One parse of `input` by libxml2's push parser (`XMLPushParser`) or pull parser: the
    /// document it returned, if any, and the errors it reported.
    private static func read(_ input: XMLInputEncoding, url: String?, options: Int32, stream: StreamingParse?,
                             pushing: Bool) -> (handle: xmlDocPtr?, problems: [Problem]) {
        let collector = ProblemCollector()
        let session = ParseSession(stream: stream)
        let document = collector.collecting {
            input.data.withUnsafeBytes { bytes -> xmlDocPtr? in
                guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self), !bytes.isEmpty else { return nil }
                let chars = UnsafeBufferPointer(start: base, count: bytes.count)
                return withExtendedLifetime(session) {
                    if pushing { return XMLPushParser.parse(chars, url: url, options: options, session: session) }
                    guard let context = xmlNewParserCtxt() else { return nil }
                    defer { xmlFreeParserCtxt(context) }
                    session.install(in: context)
                    return xmlCtxtReadMemory(context, base, Int32(clamping: bytes.count), url, input.override, options)
                }
            }
        }
        return (document, collector.problems)
    }

    /// The document a parse of `input` returned, with `input`'s problems and the parser's, or
    /// the error that nothing could be read.
    private static func document(_ parsed: (handle: xmlDocPtr?, problems: [Problem]), of input: XMLInputEncoding,
                                 stream: StreamingParse?, isBig: Bool) throws -> MarkupDocument {
        guard let handle = parsed.handle else {
            throw ArchivarError(location: parsed.problems.first?.line.map { "line \($0)" },
                                parsed.problems.first?.message ?? "empty document: no XML found")
        }
        let problems = input.problems + parsed.problems
        guard let tree = stream?.tree else { return MarkupDocument(handle: handle, problems: problems, freesInBackground: isBig) }
        // In recover mode libxml2 returns the document it built, which the streaming parse's
        // tree owns since the first element was handed over.
        precondition(tree.handle == handle, "libxml2 returned another document than it built")
        return MarkupDocument(tree: tree, problems: problems)
    }

    /// The entity lookup of the XML parser, extended by HTML's named entities: an entity
    /// the document does not declare but HTML knows is declared on first use in the
    /// document's internal subset, as the character it names. Nothing external is loaded.
    static let htmlAwareEntity: getEntitySAXFunc = { context, name in
        guard let name else { return nil }
        if let predefined = xmlGetPredefinedEntity(name) { return predefined }
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let document = parser.pointee.myDoc else {
            return nil
        }
        if let declared = xmlGetDocEntity(document, name) { return declared }
        guard let html = htmlEntityLookup(name), let scalar = Unicode.Scalar(html.pointee.value) else { return nil }
        // During a streaming parse, not while other threads read entity references.
        let declare = { () -> xmlEntityPtr? in
            if document.pointee.intSubset == nil, xmlCreateIntSubset(document, nil, nil, nil) == nil { return nil }
            return xmlAddDocEntity(document, name, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, String(scalar))
        }
        guard let stream = ParseSession.of(parser)?.stream else { return declare() }
        return stream.entities.writing(declare)
    }

    /// Installs, once per process, an entity loader that loads nothing: external
    /// entities and DTDs are never read, from disk or network.
    static let refuseExternalEntities: Void = {
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()
}

/// What an XML parse keeps beside libxml2's parser context (`_private`).
final class ParseSession {
    /// Whom finished elements are handed to, if anyone.
    let stream: StreamingParse?
    /// The text node made by the CDATA section the push parser is reading (`XMLPushParser`).
    var sectionText: xmlNodePtr?

    init(stream: StreamingParse?) { self.stream = stream }

    /// The session of a parser `install` was called for.
    static func of(_ parser: xmlParserCtxtPtr) -> ParseSession? {
        parser.pointee._private.map { Unmanaged<ParseSession>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Makes `context` use this session (which must outlive the parse) and the entity lookup
    /// of `MarkupParser`, and hand over elements if there is a stream.
    func install(in context: xmlParserCtxtPtr) {
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        context.pointee.sax.pointee.getEntity = MarkupParser.htmlAwareEntity
        if stream != nil { context.pointee.sax.pointee.endElementNs = StreamingParse.endElement }
    }
}

/// What a streaming XML parse keeps: whom to hand finished elements to, and the tree they
/// belong to, made when the first is handed over.
final class StreamingParse {
    /// NUL-terminated UTF-8, as libxml2 compares names.
    let localNames: [[UInt8]]
    let elementEnded: (MarkupNode) -> Void
    let entities = EntityTableLock()
    let freesInBackground: Bool
    private(set) var tree: MarkupTree?

    init(localNames: [String], elementEnded: @escaping (MarkupNode) -> Void, freesInBackground: Bool) {
        self.localNames = localNames.map { Array($0.utf8) + [0] }
        self.elementEnded = elementEnded
        self.freesInBackground = freesInBackground
    }

    /// libxml2's end of an element, then the element handed over if it is one of
    /// `localNames`. The parser's current node is the element that ends (libxml2's own
    /// handler pops it).
    static let endElement: endElementNsSAX2Func = { context, localName, prefix, namespace in
        let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self)
        let ended = parser?.pointee.node
        xmlSAX2EndElementNs(context, localName, prefix, namespace)
        guard let parser, let ended, ended.pointee.type == XML_ELEMENT_NODE, let document = parser.pointee.myDoc,
              let stream = ParseSession.of(parser)?.stream,
              stream.localNames.contains(where: { xmlStrEqual(localName, $0) != 0 }) else {
            return
        }
        let tree = stream.tree ?? MarkupTree(handle: document, entities: stream.entities, freesInBackground: stream.freesInBackground)
        stream.tree = tree
        stream.elementEnded(MarkupNode(pointer: ended, tree: tree))
    }
}

/// Collects libxml2's structured errors for one parse on the current thread.
final class ProblemCollector {
    var problems: [Problem] = []

    func collecting<T>(_ parse: () -> T) -> T {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "parse error"
            let trimmed = TextFolding.clean(message)
            if collector.problems.count < 100 {
                collector.problems.append(Problem(line: Int(error.pointee.line), trimmed))
            }
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return withExtendedLifetime(self) { parse() }
    }
}
