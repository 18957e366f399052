package exports

import (
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }
