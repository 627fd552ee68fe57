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
    public static func xml(_ data: Data, url: String? = nil, encoding: String? = nil) throws -> MarkupDocument {
        refuseExternalEntities
        let input = XMLInputEncoding(data, charset: encoding)
        var options = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_BIG_LINES.rawValue
        if input.override != nil { options |= XML_PARSE_IGNORE_ENC.rawValue }
        let collector = ProblemCollector()
        let document = collector.collecting {
            input.data.withUnsafeBytes { bytes -> xmlDocPtr? in
                guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self), !bytes.isEmpty,
                      let context = xmlNewParserCtxt() else { return nil }
                defer { xmlFreeParserCtxt(context) }
                context.pointee.sax.pointee.getEntity = htmlAwareEntity
                return xmlCtxtReadMemory(context, base, Int32(clamping: bytes.count), url, input.override, Int32(options))
            }
        }
        guard let document else {
            throw ArchivarError(location: collector.problems.first?.line.map { "line \($0)" },
                                collector.problems.first?.message ?? "empty document: no XML found")
        }
        return MarkupDocument(handle: document, problems: input.problems + collector.problems)
    }

    /// The entity lookup of the XML parser, extended by HTML's named entities: an entity
    /// the document does not declare but HTML knows is declared on first use in the
    /// document's internal subset, as the character it names. Nothing external is loaded.
    private static let htmlAwareEntity: getEntitySAXFunc = { context, name in
        guard let name else { return nil }
        if let predefined = xmlGetPredefinedEntity(name) { return predefined }
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let document = parser.pointee.myDoc else {
            return nil
        }
        if let declared = xmlGetDocEntity(document, name) { return declared }
        guard let html = htmlEntityLookup(name), let scalar = Unicode.Scalar(html.pointee.value) else { return nil }
        if document.pointee.intSubset == nil, xmlCreateIntSubset(document, nil, nil, nil) == nil { return nil }
        return xmlAddDocEntity(document, name, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, String(scalar))
    }

    /// Installs, once per process, an entity loader that loads nothing: external
    /// entities and DTDs are never read, from disk or network.
    private static let refuseExternalEntities: Void = {
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// Parses an HTML fragment (a feed description, a partner's content) into a document
    /// whose `body` holds the fragment. HTML errors are expected and not reported.
    public static func htmlFragment(_ html: String) -> MarkupDocument? {
        let wrapped = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        refuseExternalEntities
        let collector = ProblemCollector()
        let document = collector.collecting {
            // No encoding given: the `meta` above declares UTF-8 before the first non-ASCII
            // byte, so libxml2 reads the bytes as they are instead of copying them through
            // its UTF-8 "converter".
            wrapped.withCString { htmlReadMemory($0, Int32(clamping: strlen($0)), nil, nil, options) }
        }
        return document.map { MarkupDocument(handle: $0, problems: []) }
    }
}

extension MarkupDocument {
    /// The `<body>` element of an HTML document.
    public var body: MarkupNode? {
        root?.first("body") ?? root
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
