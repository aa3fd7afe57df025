import CLibYAML

/// YAML through libyaml's event API: one `Document` per `---` document, handed to
/// `emit` as soon as it ends so a large stream never sits whole in memory.
public struct YAMLParser: DocumentParser {
    /// For YAML written as lines of another file (a Terraform `yamldecode` heredoc):
    /// places moved down and right by so much.
    private let shift: (lines: Int, columns: Int)?

    public init() {
        shift = nil
    }

    public init(shiftedBy lines: Int, columns: Int) {
        shift = (lines, columns)
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ParseLimits, emit: (Document) throws -> Void) throws {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw SyntaxError(.malformed, "libyaml could not be initialised")
        }
        defer { yaml_parser_delete(parser) }
        // libyaml keeps this pointer and reads from it on every parse call; `bytes`
        // outlives the whole loop below.
        yaml_parser_set_input_string(parser, bytes.baseAddress ?? UnsafePointer(bitPattern: 1), bytes.count)

        var event = yaml_event_t()
        var builder = DocumentBuilder(file: file, indexInFile: 0, syntax: .yaml, limits: limits, shift: shift)
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw Self.error(of: parser)
            }
            defer { yaml_event_delete(&event) }
            let start = Self.position(event.start_mark)
            let end = Self.position(event.end_mark)
            switch event.type {
            case YAML_DOCUMENT_END_EVENT:
                try emit(try builder.finish())
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let style: ScalarStyle = switch scalar.style {
                case YAML_PLAIN_SCALAR_STYLE: .plain
                case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
                default: .quoted
                }
                try builder.scalar(
                    UnsafeBufferPointer(start: scalar.value, count: scalar.length), style: style,
                    tag: Self.string(scalar.tag), anchor: Self.string(scalar.anchor), start: start, end: end
                )
            case YAML_MAPPING_START_EVENT:
                let mapping = event.data.mapping_start
                try builder.beginContainer(.mapping, tag: Self.string(mapping.tag), anchor: Self.string(mapping.anchor), start: start)
            case YAML_SEQUENCE_START_EVENT:
                let sequence = event.data.sequence_start
                try builder.beginContainer(.sequence, tag: Self.string(sequence.tag), anchor: Self.string(sequence.anchor), start: start)
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                try builder.endContainer(end: end)
            case YAML_ALIAS_EVENT:
                try builder.alias(Self.string(event.data.alias.anchor) ?? "", at: start)
            case YAML_STREAM_END_EVENT:
                return
            default:
                break
            }
        }
    }

    private static func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: mark.line + 1, column: mark.column + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func error(of parser: UnsafeMutablePointer<yaml_parser_t>) -> SyntaxError {
        let state = parser.pointee
        var message = state.problem.map { String(cString: $0) } ?? "YAML could not be parsed"
        if let context = state.context {
            let start = position(state.context_mark)
            message = "\(message) (\(String(cString: context)) that starts at \(start))"
        }
        let reason: SyntaxError.Reason = state.error == YAML_READER_ERROR ? .invalidEncoding : .malformed
        if state.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset rather than a mark.
            return SyntaxError(reason, message, at: nil)
        }
        return SyntaxError(reason, message, at: position(state.problem_mark))
    }
}
