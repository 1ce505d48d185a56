import CRabbitMQ
import Foundation

/// Memory for the C structures of one rabbitmq-c call (strings, field tables, properties).
///
/// rabbitmq-c borrows every `amqp_bytes_t` it is given for the duration of the call, so a call
/// builds its arguments in an arena and the arena frees them all afterwards.
final class CMemoryArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    init() {}

    deinit {
        for allocation in allocations {
            allocation.deallocate()
        }
    }

    private func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: alignment)
        allocations.append(pointer)
        return pointer
    }

    func bytes(_ string: String) -> amqp_bytes_t {
        var string = string
        return string.withUTF8 { bytes($0) }
    }

    func bytes(_ buffer: UnsafeBufferPointer<UInt8>) -> amqp_bytes_t {
        let pointer = allocate(byteCount: buffer.count, alignment: 1)
        if let base = buffer.baseAddress, buffer.count > 0 {
            pointer.copyMemory(from: base, byteCount: buffer.count)
        }
        return amqp_bytes_t(len: buffer.count, bytes: pointer)
    }

    func bytes(_ array: [UInt8]) -> amqp_bytes_t {
        array.withUnsafeBufferPointer { bytes($0) }
    }

    /// A NUL-terminated copy, for the few rabbitmq-c calls that take `char *`.
    func cString(_ string: String) -> UnsafePointer<CChar> {
        let utf8 = Array(string.utf8CString)
        let pointer = allocate(byteCount: utf8.count, alignment: 1).bindMemory(to: CChar.self, capacity: utf8.count)
        pointer.initialize(from: utf8, count: utf8.count)
        return UnsafePointer(pointer)
    }

    func table(_ dictionary: [String: AMQPHeaderValue]) -> amqp_table_t {
        guard !dictionary.isEmpty else { return amqp_empty_table }
        let entries = allocate(
            byteCount: MemoryLayout<amqp_table_entry_t>.stride * dictionary.count,
            alignment: MemoryLayout<amqp_table_entry_t>.alignment
        ).bindMemory(to: amqp_table_entry_t.self, capacity: dictionary.count)
        for (index, (key, value)) in dictionary.sorted(by: { $0.key < $1.key }).enumerated() {
            (entries + index).initialize(to: amqp_table_entry_t(key: bytes(key), value: self.field(value)))
        }
        return amqp_table_t(num_entries: Int32(dictionary.count), entries: entries)
    }

    func field(_ value: AMQPHeaderValue) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        switch value {
        case .string(let string):
            field.kind = UInt8(ascii: "S")
            field.value.bytes = bytes(string)
        case .integer(let integer):
            field.kind = UInt8(ascii: "l")
            field.value.i64 = integer
        case .boolean(let boolean):
            field.kind = UInt8(ascii: "t")
            field.value.boolean = boolean ? 1 : 0
        case .timestamp(let date):
            field.kind = UInt8(ascii: "T")
            field.value.u64 = UInt64(max(0, date.timeIntervalSince1970.rounded(.down)))
        case .bytes(let array):
            field.kind = UInt8(ascii: "x")
            field.value.bytes = bytes(array)
        case .array(let values):
            field.kind = UInt8(ascii: "A")
            let elements = allocate(
                byteCount: MemoryLayout<amqp_field_value_t>.stride * max(values.count, 1),
                alignment: MemoryLayout<amqp_field_value_t>.alignment
            ).bindMemory(to: amqp_field_value_t.self, capacity: max(values.count, 1))
            for (index, element) in values.enumerated() {
                (elements + index).initialize(to: self.field(element))
            }
            field.value.array = amqp_array_t(num_entries: Int32(values.count), entries: elements)
        case .table(let dictionary):
            field.kind = UInt8(ascii: "F")
            field.value.table = table(dictionary)
        case .void:
            field.kind = UInt8(ascii: "V")
        }
        return field
    }

    /// The C form of `properties`, valid while the arena lives.
    func properties(_ properties: MessageProperties) -> amqp_basic_properties_t {
        var result = amqp_basic_properties_t()
        var flags: UInt32 = 0
        func set(_ value: String?, flag: Int32, _ assign: (amqp_bytes_t) -> Void) {
            guard let value else { return }
            assign(bytes(value))
            flags |= UInt32(flag)
        }
        set(properties.contentType, flag: AMQP_BASIC_CONTENT_TYPE_FLAG) { result.content_type = $0 }
        set(properties.contentEncoding, flag: AMQP_BASIC_CONTENT_ENCODING_FLAG) { result.content_encoding = $0 }
        set(properties.messageID, flag: AMQP_BASIC_MESSAGE_ID_FLAG) { result.message_id = $0 }
        set(properties.type, flag: AMQP_BASIC_TYPE_FLAG) { result.type = $0 }
        set(properties.correlationID, flag: AMQP_BASIC_CORRELATION_ID_FLAG) { result.correlation_id = $0 }
        set(properties.appID, flag: AMQP_BASIC_APP_ID_FLAG) { result.app_id = $0 }
        set(properties.replyTo, flag: AMQP_BASIC_REPLY_TO_FLAG) { result.reply_to = $0 }
        set(properties.expiration, flag: AMQP_BASIC_EXPIRATION_FLAG) { result.expiration = $0 }
        if let timestamp = properties.timestamp {
            result.timestamp = UInt64(max(0, timestamp.timeIntervalSince1970.rounded(.down)))
            flags |= UInt32(AMQP_BASIC_TIMESTAMP_FLAG)
        }
        result.delivery_mode = properties.persistent ? 2 : 1
        flags |= UInt32(AMQP_BASIC_DELIVERY_MODE_FLAG)
        if !properties.headers.isEmpty {
            result.headers = table(properties.headers)
            flags |= UInt32(AMQP_BASIC_HEADERS_FLAG)
        }
        result._flags = flags
        return result
    }
}

/// Conversions from rabbitmq-c's structures, copying everything out of its buffers.
enum CValues {
    static func bytes(_ bytes: amqp_bytes_t) -> [UInt8] {
        guard bytes.len > 0, let base = bytes.bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: bytes.len))
    }

    static func string(_ bytes: amqp_bytes_t) -> String {
        guard bytes.len > 0, let base = bytes.bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: bytes.len), as: UTF8.self)
    }

    static func table(_ table: amqp_table_t) -> [String: AMQPHeaderValue] {
        guard table.num_entries > 0, let entries = table.entries else { return [:] }
        var result: [String: AMQPHeaderValue] = [:]
        for index in 0..<Int(table.num_entries) {
            let entry = entries[index]
            result[string(entry.key)] = value(entry.value)
        }
        return result
    }

    static func value(_ field: amqp_field_value_t) -> AMQPHeaderValue {
        switch field.kind {
        case UInt8(ascii: "t"): return .boolean(field.value.boolean != 0)
        case UInt8(ascii: "b"): return .integer(Int64(field.value.i8))
        case UInt8(ascii: "B"): return .integer(Int64(field.value.u8))
        case UInt8(ascii: "s"): return .integer(Int64(field.value.i16))
        case UInt8(ascii: "u"): return .integer(Int64(field.value.u16))
        case UInt8(ascii: "I"): return .integer(Int64(field.value.i32))
        case UInt8(ascii: "i"): return .integer(Int64(field.value.u32))
        case UInt8(ascii: "l"): return .integer(field.value.i64)
        case UInt8(ascii: "L"): return .integer(Int64(clamping: field.value.u64))
        case UInt8(ascii: "f"): return .string(String(describing: field.value.f32))
        case UInt8(ascii: "d"): return .string(String(describing: field.value.f64))
        case UInt8(ascii: "D"):
            let decimal = field.value.decimal
            var digits = String(decimal.value)
            let scale = Int(decimal.decimals)
            if scale > 0 {
                digits = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
            }
            return .string(digits)
        case UInt8(ascii: "S"): return .string(string(field.value.bytes))
        case UInt8(ascii: "x"): return .bytes(bytes(field.value.bytes))
        case UInt8(ascii: "T"): return .timestamp(Date(timeIntervalSince1970: TimeInterval(field.value.u64)))
        case UInt8(ascii: "F"): return .table(table(field.value.table))
        case UInt8(ascii: "A"):
            let array = field.value.array
            guard array.num_entries > 0, let entries = array.entries else { return .array([]) }
            return .array((0..<Int(array.num_entries)).map { value(entries[$0]) })
        default: return .void
        }
    }

    static func properties(_ properties: amqp_basic_properties_t) -> MessageProperties {
        let flags = properties._flags
        func has(_ flag: Int32) -> Bool { flags & UInt32(flag) != 0 }
        func text(_ flag: Int32, _ bytes: amqp_bytes_t) -> String? { has(flag) ? string(bytes) : nil }
        return MessageProperties(
            contentType: text(AMQP_BASIC_CONTENT_TYPE_FLAG, properties.content_type),
            contentEncoding: text(AMQP_BASIC_CONTENT_ENCODING_FLAG, properties.content_encoding),
            messageID: text(AMQP_BASIC_MESSAGE_ID_FLAG, properties.message_id),
            type: text(AMQP_BASIC_TYPE_FLAG, properties.type),
            correlationID: text(AMQP_BASIC_CORRELATION_ID_FLAG, properties.correlation_id),
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG) ? Date(timeIntervalSince1970: TimeInterval(properties.timestamp)) : nil,
            appID: text(AMQP_BASIC_APP_ID_FLAG, properties.app_id),
            replyTo: text(AMQP_BASIC_REPLY_TO_FLAG, properties.reply_to),
            expiration: text(AMQP_BASIC_EXPIRATION_FLAG, properties.expiration),
            persistent: has(AMQP_BASIC_DELIVERY_MODE_FLAG) && properties.delivery_mode == 2,
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? table(properties.headers) : [:]
        )
    }

    /// A readable reason from an RPC reply (library error or the broker's close reason).
    static func replyError(_ reply: amqp_rpc_reply_t, context: String) -> AMQPError? {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return nil
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            let text = String(cString: amqp_error_string2(reply.library_error))
            return AMQPError(.connectionLost, "\(context): \(text)")
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            if reply.reply.id == AMQPMethod.connectionClose, let decoded = reply.reply.decoded {
                let close = decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
                return AMQPError(.brokerRefused, "\(context): \(string(close.reply_text))", replyCode: close.reply_code)
            }
            if reply.reply.id == AMQPMethod.channelClose, let decoded = reply.reply.decoded {
                let close = decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
                return AMQPError(.brokerRefused, "\(context): \(string(close.reply_text))", replyCode: close.reply_code)
            }
            return AMQPError(.brokerRefused, "\(context): unexpected server reply \(reply.reply.id)")
        default:
            return AMQPError(.connectionLost, "\(context): no reply")
        }
    }
}

/// AMQP 0-9-1 method ids (class << 16 | method); rabbitmq-c defines them as cast macros Swift cannot import.
enum AMQPMethod {
    static let connectionClose: amqp_method_number_t = 0x000A_0032
    static let connectionCloseOk: amqp_method_number_t = 0x000A_0033
    static let connectionBlocked: amqp_method_number_t = 0x000A_003C
    static let connectionUnblocked: amqp_method_number_t = 0x000A_003D
    static let channelClose: amqp_method_number_t = 0x0014_0028
    static let channelCloseOk: amqp_method_number_t = 0x0014_0029
    static let basicCancel: amqp_method_number_t = 0x003C_001E
    static let basicReturn: amqp_method_number_t = 0x003C_0032
    static let basicDeliver: amqp_method_number_t = 0x003C_003C
    static let basicAck: amqp_method_number_t = 0x003C_0050
    static let basicNack: amqp_method_number_t = 0x003C_0078
}
