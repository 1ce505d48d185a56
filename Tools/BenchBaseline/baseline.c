#include "baseline.h"

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

/* The one channel each baseline connection uses. */
static const amqp_channel_t bench_channel = 1;

/* How far a session got, so closing sends exactly what the protocol still expects. */
typedef enum {
    SESSION_CHANNEL_OPEN,      /* close the channel, then the connection */
    SESSION_CHANNEL_CLOSED,    /* the broker closed the channel: answer close-ok, close the connection */
    SESSION_CONNECTION_CLOSED, /* the broker closed the connection: answer close-ok, free */
    SESSION_DEAD               /* the socket failed: just free */
} session_state;

static int64_t monotonic_nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + (int64_t)now.tv_nsec;
}

static int is_normal(amqp_rpc_reply_t reply) { return reply.reply_type == AMQP_RESPONSE_NORMAL; }

/* What a failed synchronous RPC left behind. */
static session_state state_after_failed_rpc(amqp_rpc_reply_t reply) {
    if (reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION) {
        if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) return SESSION_CHANNEL_CLOSED;
        if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) return SESSION_CONNECTION_CLOSED;
    }
    return SESSION_DEAD;
}

/* Closes what is open and frees the connection (its socket included). */
static void close_session(amqp_connection_state_t connection, session_state state) {
    switch (state) {
    case SESSION_CHANNEL_OPEN:
        amqp_channel_close(connection, bench_channel, AMQP_REPLY_SUCCESS);
        amqp_connection_close(connection, AMQP_REPLY_SUCCESS);
        break;
    case SESSION_CHANNEL_CLOSED: {
        amqp_channel_close_ok_t channel_close_ok = {0};
        amqp_send_method(connection, bench_channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &channel_close_ok);
        amqp_connection_close(connection, AMQP_REPLY_SUCCESS);
        break;
    }
    case SESSION_CONNECTION_CLOSED: {
        amqp_connection_close_ok_t connection_close_ok = {0};
        amqp_send_method(connection, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &connection_close_ok);
        break;
    }
    case SESSION_DEAD:
        break;
    }
    amqp_destroy_connection(connection);
}

/*
 * Connects, logs in (no heartbeat: runs are short; frame_max as the Swift layer) and opens the
 * channel. Returns 0 and the connection, or an error code with nothing left allocated.
 */
static int64_t open_session(const char *host, int port, const char *user, const char *password,
                            const char *vhost, amqp_connection_state_t *opened) {
    if (host == NULL || user == NULL || password == NULL || vhost == NULL || port <= 0 || port > 65535) {
        return WHOLESAIL_BENCH_ERROR_INVALID_ARGUMENT;
    }
    amqp_connection_state_t connection = amqp_new_connection();
    if (connection == NULL) return WHOLESAIL_BENCH_ERROR_OUT_OF_MEMORY;
    amqp_socket_t *socket = amqp_tcp_socket_new(connection);
    if (socket == NULL) {
        amqp_destroy_connection(connection);
        return WHOLESAIL_BENCH_ERROR_SOCKET;
    }
    struct timeval timeout = {.tv_sec = 5, .tv_usec = 0};
    if (amqp_socket_open_noblock(socket, host, port, &timeout) != AMQP_STATUS_OK) {
        amqp_destroy_connection(connection);
        return WHOLESAIL_BENCH_ERROR_CONNECT;
    }
    amqp_rpc_reply_t login =
        amqp_login(connection, vhost, 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, user, password);
    if (!is_normal(login)) {
        amqp_destroy_connection(connection);
        return WHOLESAIL_BENCH_ERROR_LOGIN;
    }
    amqp_channel_open(connection, bench_channel);
    amqp_rpc_reply_t channel_open = amqp_get_rpc_reply(connection);
    if (!is_normal(channel_open)) {
        close_session(connection, state_after_failed_rpc(channel_open));
        return WHOLESAIL_BENCH_ERROR_CHANNEL_OPEN;
    }
    *opened = connection;
    return 0;
}

/* A method frame that ends a run: the broker closed the channel or the connection. */
static int64_t closing_method_error(amqp_method_number_t method, session_state *state) {
    if (method == AMQP_CHANNEL_CLOSE_METHOD) {
        *state = SESSION_CHANNEL_CLOSED;
        return WHOLESAIL_BENCH_ERROR_CHANNEL_CLOSED;
    }
    if (method == AMQP_CONNECTION_CLOSE_METHOD) {
        *state = SESSION_CONNECTION_CLOSED;
        return WHOLESAIL_BENCH_ERROR_CONNECTION_CLOSED;
    }
    return 0;
}

/*
 * Delivery tags 1...count; settled[tag] once acked. `lowest_unsettled` makes `multiple` acks
 * cost only the tags they newly cover.
 */
typedef struct {
    unsigned char *settled;
    uint64_t published;
    uint64_t settled_count;
    uint64_t lowest_unsettled;
} confirm_tracker;

static void confirm_tracker_settle(confirm_tracker *tracker, uint64_t tag, int multiple) {
    if (multiple && tag == 0) tag = tracker->published; /* "everything so far" */
    if (tag == 0 || tag > tracker->published) return;   /* not ours: ignore */
    uint64_t first = multiple ? tracker->lowest_unsettled : tag;
    for (uint64_t each = first; each <= tag; each++) {
        if (!tracker->settled[each]) {
            tracker->settled[each] = 1;
            tracker->settled_count++;
        }
    }
    while (tracker->lowest_unsettled <= tracker->published && tracker->settled[tracker->lowest_unsettled]) {
        tracker->lowest_unsettled++;
    }
}

int64_t wholesail_bench_publish(const char *host, int port, const char *user, const char *password,
                                const char *vhost, const char *queue, uint32_t count, uint32_t window,
                                uint32_t body_size) {
    if (queue == NULL || count == 0 || window == 0) return WHOLESAIL_BENCH_ERROR_INVALID_ARGUMENT;
    unsigned char *body = malloc(body_size > 0 ? body_size : 1);
    unsigned char *settled = calloc((size_t)count + 1, 1);
    if (body == NULL || settled == NULL) {
        free(body);
        free(settled);
        return WHOLESAIL_BENCH_ERROR_OUT_OF_MEMORY;
    }
    for (uint32_t index = 0; index < body_size; index++) body[index] = (unsigned char)('a' + index % 26);

    amqp_connection_state_t connection = NULL;
    int64_t result = open_session(host, port, user, password, vhost, &connection);
    if (result != 0) goto free_memory;
    session_state state = SESSION_CHANNEL_OPEN;

    amqp_confirm_select(connection, bench_channel);
    amqp_rpc_reply_t confirm_select = amqp_get_rpc_reply(connection);
    if (!is_normal(confirm_select)) {
        state = state_after_failed_rpc(confirm_select);
        result = WHOLESAIL_BENCH_ERROR_CONFIRM_SELECT;
        goto close;
    }

    amqp_basic_properties_t properties;
    memset(&properties, 0, sizeof properties);
    properties._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_MESSAGE_ID_FLAG;
    properties.content_type = amqp_cstring_bytes("application/json");
    properties.delivery_mode = AMQP_DELIVERY_PERSISTENT;
    char message_id[32];
    amqp_bytes_t routing_key = amqp_cstring_bytes(queue);
    amqp_bytes_t message_body = {.len = body_size, .bytes = body};
    confirm_tracker tracker = {.settled = settled, .published = 0, .settled_count = 0, .lowest_unsettled = 1};

    int64_t started = monotonic_nanoseconds();
    while (tracker.settled_count < count) {
        while (tracker.published < count && tracker.published - tracker.settled_count < window) {
            int length = snprintf(message_id, sizeof message_id, "bench-%llu",
                                  (unsigned long long)(tracker.published + 1));
            properties.message_id.len = (size_t)length;
            properties.message_id.bytes = message_id;
            int status = amqp_basic_publish(connection, bench_channel, amqp_empty_bytes, routing_key,
                                            1 /* mandatory */, 0 /* immediate */, &properties, message_body);
            if (status != AMQP_STATUS_OK) {
                state = SESSION_DEAD;
                result = WHOLESAIL_BENCH_ERROR_PUBLISH;
                goto close;
            }
            tracker.published++;
        }
        amqp_frame_t frame;
        if (amqp_simple_wait_frame(connection, &frame) != AMQP_STATUS_OK) {
            state = SESSION_DEAD;
            result = WHOLESAIL_BENCH_ERROR_READ_FRAME;
            goto close;
        }
        if (frame.frame_type == AMQP_FRAME_METHOD) {
            amqp_method_number_t method = frame.payload.method.id;
            if (method == AMQP_BASIC_ACK_METHOD) {
                const amqp_basic_ack_t *ack = frame.payload.method.decoded;
                confirm_tracker_settle(&tracker, ack->delivery_tag, ack->multiple);
            } else if (method == AMQP_BASIC_NACK_METHOD) {
                result = WHOLESAIL_BENCH_ERROR_NACKED;
                goto close;
            } else if (method == AMQP_BASIC_RETURN_METHOD) {
                result = WHOLESAIL_BENCH_ERROR_RETURNED;
                goto close;
            } else if ((result = closing_method_error(method, &state)) != 0) {
                goto close;
            }
        }
        amqp_maybe_release_buffers(connection);
    }
    result = monotonic_nanoseconds() - started;
    if (result <= 0) result = 1;

close:
    close_session(connection, state);
free_memory:
    free(body);
    free(settled);
    return result;
}

int64_t wholesail_bench_consume(const char *host, int port, const char *user, const char *password,
                                const char *vhost, const char *queue, uint32_t count, uint16_t prefetch,
                                uint32_t body_size) {
    if (queue == NULL || count == 0 || prefetch == 0) return WHOLESAIL_BENCH_ERROR_INVALID_ARGUMENT;
    amqp_connection_state_t connection = NULL;
    int64_t result = open_session(host, port, user, password, vhost, &connection);
    if (result != 0) return result;
    session_state state = SESSION_CHANNEL_OPEN;
    amqp_bytes_t consumer_tag = amqp_cstring_bytes("wholesail-bench-c-consumer");

    int64_t started = monotonic_nanoseconds();
    amqp_basic_qos(connection, bench_channel, 0, prefetch, 0);
    amqp_rpc_reply_t qos = amqp_get_rpc_reply(connection);
    if (!is_normal(qos)) {
        state = state_after_failed_rpc(qos);
        result = WHOLESAIL_BENCH_ERROR_QOS;
        goto close;
    }
    amqp_basic_consume(connection, bench_channel, amqp_cstring_bytes(queue), consumer_tag, 0 /* no_local */,
                       0 /* no_ack */, 0 /* exclusive */, amqp_empty_table);
    amqp_rpc_reply_t consume = amqp_get_rpc_reply(connection);
    if (!is_normal(consume)) {
        state = state_after_failed_rpc(consume);
        result = WHOLESAIL_BENCH_ERROR_CONSUME;
        goto close;
    }

    uint32_t received = 0;
    while (received < count) {
        amqp_maybe_release_buffers(connection);
        amqp_envelope_t envelope;
        amqp_rpc_reply_t reply = amqp_consume_message(connection, &envelope, NULL, 0);
        if (is_normal(reply)) {
            size_t length = envelope.message.body.len;
            uint64_t delivery_tag = envelope.delivery_tag;
            amqp_destroy_envelope(&envelope);
            if (length != body_size) {
                result = WHOLESAIL_BENCH_ERROR_UNEXPECTED_BODY;
                goto close;
            }
            if (amqp_basic_ack(connection, bench_channel, delivery_tag, 0) != AMQP_STATUS_OK) {
                state = SESSION_DEAD;
                result = WHOLESAIL_BENCH_ERROR_ACK;
                goto close;
            }
            received++;
            continue;
        }
        /* On failure amqp_consume_message frees what it allocated; the envelope holds nothing. */
        if (reply.reply_type != AMQP_RESPONSE_LIBRARY_EXCEPTION || reply.library_error != AMQP_STATUS_UNEXPECTED_STATE) {
            state = SESSION_DEAD;
            result = WHOLESAIL_BENCH_ERROR_READ_FRAME;
            goto close;
        }
        /* Another method came first: read it and stop only if it ends the run. */
        amqp_frame_t frame;
        if (amqp_simple_wait_frame(connection, &frame) != AMQP_STATUS_OK) {
            state = SESSION_DEAD;
            result = WHOLESAIL_BENCH_ERROR_READ_FRAME;
            goto close;
        }
        if (frame.frame_type == AMQP_FRAME_METHOD) {
            amqp_method_number_t method = frame.payload.method.id;
            if (method == AMQP_BASIC_CANCEL_METHOD) {
                result = WHOLESAIL_BENCH_ERROR_CONSUME; /* the broker cancelled the consumer */
                goto close;
            }
            if ((result = closing_method_error(method, &state)) != 0) goto close;
        }
    }
    amqp_basic_cancel(connection, bench_channel, consumer_tag);
    amqp_rpc_reply_t cancel = amqp_get_rpc_reply(connection);
    if (!is_normal(cancel)) {
        state = state_after_failed_rpc(cancel);
        result = WHOLESAIL_BENCH_ERROR_CANCEL;
        goto close;
    }
    result = monotonic_nanoseconds() - started;
    if (result <= 0) result = 1;

close:
    close_session(connection, state);
    return result;
}

const char *wholesail_bench_error_text(int64_t code) {
    switch (code) {
    case WHOLESAIL_BENCH_ERROR_INVALID_ARGUMENT: return "invalid argument (missing text, zero count/window, or port out of range)";
    case WHOLESAIL_BENCH_ERROR_OUT_OF_MEMORY: return "out of memory";
    case WHOLESAIL_BENCH_ERROR_SOCKET: return "rabbitmq-c could not create a TCP socket";
    case WHOLESAIL_BENCH_ERROR_CONNECT: return "could not connect to the broker";
    case WHOLESAIL_BENCH_ERROR_LOGIN: return "the broker refused the login (user, password or vhost)";
    case WHOLESAIL_BENCH_ERROR_CHANNEL_OPEN: return "channel.open failed";
    case WHOLESAIL_BENCH_ERROR_CONFIRM_SELECT: return "confirm.select failed";
    case WHOLESAIL_BENCH_ERROR_PUBLISH: return "basic.publish failed (socket error)";
    case WHOLESAIL_BENCH_ERROR_READ_FRAME: return "reading a frame failed (socket error)";
    case WHOLESAIL_BENCH_ERROR_NACKED: return "the broker nacked a publish";
    case WHOLESAIL_BENCH_ERROR_RETURNED: return "the broker returned a mandatory publish as unroutable (does the queue exist?)";
    case WHOLESAIL_BENCH_ERROR_CHANNEL_CLOSED: return "the broker closed the channel";
    case WHOLESAIL_BENCH_ERROR_CONNECTION_CLOSED: return "the broker closed the connection";
    case WHOLESAIL_BENCH_ERROR_QOS: return "basic.qos failed";
    case WHOLESAIL_BENCH_ERROR_CONSUME: return "basic.consume failed or the broker cancelled the consumer (does the queue exist?)";
    case WHOLESAIL_BENCH_ERROR_ACK: return "basic.ack failed (socket error)";
    case WHOLESAIL_BENCH_ERROR_CANCEL: return "basic.cancel failed";
    case WHOLESAIL_BENCH_ERROR_UNEXPECTED_BODY: return "a consumed message had an unexpected body size";
    default: return code < 0 ? "unknown error" : "no error";
    }
}
