#ifndef WHOLESAIL_BENCH_BASELINE_H
#define WHOLESAIL_BENCH_BASELINE_H

/*
 * Plain C loops over rabbitmq-c 0.11: the baselines `wholesail-bench` puts beside the
 * Swift Messaging layer. Each function opens its own connection, does one fixed job,
 * closes and frees everything, and returns the elapsed wall-clock time of the job in
 * nanoseconds (> 0), or a negative WHOLESAIL_BENCH_ERROR_* code.
 *
 * The functions block: call them from a dedicated thread, never from Swift's
 * cooperative pool.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Negative results; wholesail_bench_error_text() names each. */
#define WHOLESAIL_BENCH_ERROR_INVALID_ARGUMENT   (-1)
#define WHOLESAIL_BENCH_ERROR_OUT_OF_MEMORY      (-2)
#define WHOLESAIL_BENCH_ERROR_SOCKET             (-3)
#define WHOLESAIL_BENCH_ERROR_CONNECT            (-4)
#define WHOLESAIL_BENCH_ERROR_LOGIN              (-5)
#define WHOLESAIL_BENCH_ERROR_CHANNEL_OPEN       (-6)
#define WHOLESAIL_BENCH_ERROR_CONFIRM_SELECT     (-7)
#define WHOLESAIL_BENCH_ERROR_PUBLISH            (-8)
#define WHOLESAIL_BENCH_ERROR_READ_FRAME         (-9)
#define WHOLESAIL_BENCH_ERROR_NACKED             (-10)
#define WHOLESAIL_BENCH_ERROR_RETURNED           (-11)
#define WHOLESAIL_BENCH_ERROR_CHANNEL_CLOSED     (-12)
#define WHOLESAIL_BENCH_ERROR_CONNECTION_CLOSED  (-13)
#define WHOLESAIL_BENCH_ERROR_QOS                (-14)
#define WHOLESAIL_BENCH_ERROR_CONSUME            (-15)
#define WHOLESAIL_BENCH_ERROR_ACK                (-16)
#define WHOLESAIL_BENCH_ERROR_CANCEL             (-17)
#define WHOLESAIL_BENCH_ERROR_UNEXPECTED_BODY    (-18)

/*
 * Publishes `count` persistent messages of `body_size` bytes to `queue` through the default
 * exchange, mandatory, on a channel in confirm mode, with at most `window` unconfirmed at any
 * time; returns once every publish is confirmed. Properties match the Swift benchmark:
 * content_type "application/json", delivery_mode 2, message_id "bench-<n>".
 * basic.ack/basic.nack frames are read with amqp_simple_wait_frame, honouring `multiple`;
 * a nack or a basic.return fails the run.
 */
int64_t wholesail_bench_publish(const char *host, int port, const char *user, const char *password,
                                const char *vhost, const char *queue, uint32_t count, uint32_t window,
                                uint32_t body_size);

/*
 * Consumes `count` messages from `queue` with basic.qos `prefetch` and manual acknowledgement
 * (amqp_consume_message, then amqp_basic_ack per message), then cancels the consumer. Timing
 * runs from basic.qos to cancel-ok. A message whose body is not `body_size` bytes fails the run.
 */
int64_t wholesail_bench_consume(const char *host, int port, const char *user, const char *password,
                                const char *vhost, const char *queue, uint32_t count, uint16_t prefetch,
                                uint32_t body_size);

/* A static, human-readable description of a negative result code. */
const char *wholesail_bench_error_text(int64_t code);

#ifdef __cplusplus
}
#endif

#endif
