#ifndef WHOLESAIL_CRABBITMQ_SHIM_H
#define WHOLESAIL_CRABBITMQ_SHIM_H

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>

/// `amqp_login` is variadic, which Swift cannot call: this fixes the
/// SASL method to PLAIN and passes the credentials through.
static inline amqp_rpc_reply_t wholesail_amqp_login_plain(
    amqp_connection_state_t state, const char *vhost, int channel_max,
    int frame_max, int heartbeat, amqp_table_t client_properties,
    const char *user, const char *password) {
    return amqp_login_with_properties(state, vhost, channel_max, frame_max,
                                      heartbeat, &client_properties,
                                      AMQP_SASL_METHOD_PLAIN, user, password);
}

#endif
