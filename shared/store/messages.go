package store

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// decodeMessage merges a message item's WhatsApp and helpdesk copies and its
// delivery status. ok is false for a status that arrived before its message.
func decodeMessage(item map[string]types.AttributeValue) (domain.Message, bool, error) {
	var wa, hd domain.Message
	hasWA, hasHD := item["wa"] != nil, item["hd"] != nil
	if !hasWA && !hasHD {
		return domain.Message{}, false, nil
	}
	if hasWA {
		if err := decodeAttr(item, "wa", &wa); err != nil {
			return domain.Message{}, false, fmt.Errorf("decode whatsapp message: %w", err)
		}
	}
	if hasHD {
		if err := decodeAttr(item, "hd", &hd); err != nil {
			return domain.Message{}, false, fmt.Errorf("decode helpdesk message: %w", err)
		}
	}
	m := mergeMessage(hd, wa, hasHD, hasWA)
	if st := getS(item, "st"); st != "" {
		m.Status = st
		m.StatusAt = msTime(getN(item, "sta"))
	}
	return m, true, nil
}

// mergeMessage prefers the helpdesk's fields (it knows the conversation and the
// agent) and fills the blanks from WhatsApp, which alone knows the profile name.
func mergeMessage(hd, wa domain.Message, hasHD, hasWA bool) domain.Message {
	if !hasHD {
		return wa
	}
	m := hd
	if !hasWA {
		return m
	}
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&m.ConversationID, wa.ConversationID)
	fill(&m.AgentID, wa.AgentID)
	fill(&m.Channel, wa.Channel)
	fill(&m.Type, wa.Type)
	fill(&m.Text, wa.Text)
	m.ProfileName = wa.ProfileName
	return m
}
