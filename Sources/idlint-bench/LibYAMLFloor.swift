import CLibYAML
import IdlintEngine

/// The floor under any YAML scan: libyaml pulling every event of every file and doing
/// nothing with them, the way a small C program calling `yaml_parser_parse` until the
/// stream ends would. idlint's scan time is printed as a multiple of this.
struct LibYAMLFloor {
    var files = 0
    var bytes = 0
    var events = 0

    /// Reads and event-parses each file; a file libyaml rejects still counts its bytes.
    static func parse(paths: [String]) throws -> LibYAMLFloor {
        var floor = LibYAMLFloor()
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        for path in paths {
            let raw = try FileReader.read(path: path, maxBytes: 1 << 30)
            floor.files += 1
            floor.bytes += raw.count
            guard yaml_parser_initialize(parser) == 1 else { continue }
            defer { yaml_parser_delete(parser) }
            raw.withUnsafeBufferPointer { buffer in
                yaml_parser_set_input_string(parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count)
                var event = yaml_event_t()
                while yaml_parser_parse(parser, &event) == 1 {
                    let type = event.type
                    yaml_event_delete(&event)
                    floor.events += 1
                    if type == YAML_STREAM_END_EVENT { break }
                }
            }
        }
        return floor
    }
}
