package exports

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// EnvExporterFunction names the exporter Lambda (set on the API function).
const EnvExporterFunction = "EXPORTER_FUNCTION"

// LambdaInvoker is the part of the Lambda client LambdaRunner uses.
type LambdaInvoker interface {
	Invoke(ctx context.Context, in *lambda.InvokeInput, opts ...func(*lambda.Options)) (*lambda.InvokeOutput, error)
}

// LambdaRunner starts each export as an asynchronous (Event) invocation of the
// exporter function with the Job as payload.
type LambdaRunner struct {
	Client   LambdaInvoker
	Function string
}

// Start invokes the exporter function asynchronously.
func (r LambdaRunner) Start(ctx context.Context, job Job) error {
	payload, err := json.Marshal(job)
	if err != nil {
		return fmt.Errorf("encode export job: %w", err)
	}
	out, err := r.Client.Invoke(ctx, &lambda.InvokeInput{
		FunctionName:   aws.String(r.Function),
		InvocationType: types.InvocationTypeEvent,
		Payload:        payload,
	})
	if err != nil {
		return fmt.Errorf("invoke %s: %w", r.Function, err)
	}
	if out.StatusCode != 202 {
		return fmt.Errorf("invoke %s: status %d", r.Function, out.StatusCode)
	}
	return nil
}
