package exports

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// Upload tuning: parts of PartSize, at most UploadConcurrency in flight, so an
// upload holds about (UploadConcurrency+1) × PartSize bytes whatever its size.
const (
	PartSize          = 8 << 20
	UploadConcurrency = 2
)

// DownloadTTL is how long a presigned download URL is valid.
const DownloadTTL = 15 * time.Minute

// ExportKey is the object key of a requested export:
// "exports/<ws>/<export_id>/<dataset>.<parquet|csv>".
func ExportKey(ws, exportID, dataset, format string) string {
	return fmt.Sprintf("%s%s/%s/%s.%s", tables.PrefixExports, ws, exportID, dataset, format)
}

// LakeKey is the one object of a lake partition:
// "lake/<dataset>/workspace_id=<ws>/dt=<day>/part-00000.parquet".
func LakeKey(dataset, ws, day string) string {
	return tables.LakePartitionPrefix(dataset, ws, day) + "part-00000.parquet"
}

// LakeCopyKey is the download copy of a lake partition:
// "exports/lake/<ws>/<day>/<dataset>.parquet".
func LakeCopyKey(ws, day, dataset string) string {
	return fmt.Sprintf("%slake/%s/%s/%s.parquet", tables.PrefixExports, ws, day, dataset)
}

// Files reads and writes the export objects of one bucket.
type Files struct {
	client  *s3.Client
	bucket  string
	tm      *transfermanager.Client
	presign *s3.PresignClient
}

// NewFiles returns Files over client and bucket. Uploads use the client's own
// checksum setting (local stand-ins want none unless required).
func NewFiles(client *s3.Client, bucket string) *Files {
	tm := transfermanager.New(client, func(o *transfermanager.Options) {
		o.PartSizeBytes = PartSize
		o.MultipartUploadThreshold = PartSize
		o.Concurrency = UploadConcurrency
		o.RequestChecksumCalculation = client.Options().RequestChecksumCalculation
	})
	return &Files{client: client, bucket: bucket, tm: tm, presign: s3.NewPresignClient(client)}
}

// Bucket is the bucket the files live in.
func (f *Files) Bucket() string { return f.bucket }

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// Stream uploads the bytes write produces to key as they are produced (a
// multipart upload fed through an io.Pipe) and returns their count. If write
// fails, the upload is aborted and no object is created or replaced.
func (f *Files) Stream(ctx context.Context, key, contentType string, write func(io.Writer) error) (int64, error) {
	pr, pw := io.Pipe()
	cw := &countingWriter{w: pw}
	done := make(chan error, 1)
	go func() {
		err := write(cw)
		if err != nil {
			pw.CloseWithError(err)
		} else {
			pw.Close()
		}
		done <- err
	}()
	_, upErr := f.tm.UploadObject(ctx, &transfermanager.UploadObjectInput{
		Bucket:      aws.String(f.bucket),
		Key:         aws.String(key),
		Body:        pr,
		ContentType: aws.String(contentType),
	})
	// Unblock the writer if the upload stopped reading early.
	pr.CloseWithError(fmt.Errorf("upload of %s stopped: %v", key, upErr))
	werr := <-done
	if werr != nil {
		return cw.n.Load(), fmt.Errorf("write %s: %w", key, werr)
	}
	if upErr != nil {
		return cw.n.Load(), fmt.Errorf("upload %s: %w", key, upErr)
	}
	return cw.n.Load(), nil
}

// Copy copies the object src to dst inside the bucket (server side).
func (f *Files) Copy(ctx context.Context, src, dst string) error {
	_, err := f.client.CopyObject(ctx, &s3.CopyObjectInput{
		Bucket:     aws.String(f.bucket),
		Key:        aws.String(dst),
		CopySource: aws.String(f.bucket + "/" + escapeKey(src)),
	})
	if err != nil {
		return fmt.Errorf("copy %s to %s: %w", src, dst, err)
	}
	return nil
}

// escapeKey URL-encodes each segment of a key for CopySource.
func escapeKey(k string) string {
	parts := strings.Split(k, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// PresignGet returns a URL that downloads key for ttl, saved as filename.
func (f *Files) PresignGet(ctx context.Context, key, filename string, ttl time.Duration) (string, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(f.bucket), Key: aws.String(key)}
	if filename != "" {
		in.ResponseContentDisposition = aws.String(fmt.Sprintf("attachment; filename=%q", filename))
	}
	req, err := f.presign.PresignGetObject(ctx, in, s3.WithPresignExpires(ttl))
	if err != nil {
		return "", fmt.Errorf("presign %s: %w", key, err)
	}
	return req.URL, nil
}
