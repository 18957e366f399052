package domain

// Delivery statuses of an outbound message, in the order they can only move forward.
const (
	DeliverySent      = "sent"
	DeliveryDelivered = "delivered"
	DeliveryRead      = "read"
	DeliveryFailed    = "failed"
)

// StatusRank orders WhatsApp delivery statuses: sent 1, delivered 2, read 3,
// failed 4 (final); any other status ranks 0 and never overrides a known one.
func StatusRank(status string) int {
	switch status {
	case DeliverySent:
		return 1
	case DeliveryDelivered:
		return 2
	case DeliveryRead:
		return 3
	case DeliveryFailed:
		return 4
	default:
		return 0
	}
}

// NextStatus returns the status a message has after an incoming status update:
// the incoming one when it ranks strictly higher than the current one, else the
// current one. The result does not depend on the order updates arrive in.
func NextStatus(current, incoming string) string {
	if StatusRank(incoming) > StatusRank(current) {
		return incoming
	}
	return current
}
