package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// topic is what a session is about: its opening lines, the label it earns and how it is resolved.
type topic struct {
	label    string // "" for general questions
	category string
	openEN   []string
	openID   []string
}

var topics = []topic{
	{label: "delivery", category: "shipping",
		openEN: []string{"Hi, where is my order #{order}? It was supposed to arrive yesterday.", "Hello, my package still hasn't arrived", "The courier says delivered but I got nothing 😟"},
		openID: []string{"Halo kak, paket saya #{order} belum sampai, bisa dicek?", "Kak, kurirnya kok belum datang ya?", "Pesanan saya statusnya terkirim tapi belum saya terima 😟"}},
	{label: "billing", category: "billing",
		openEN: []string{"I was charged twice for order #{order}", "Can I get an invoice for my last purchase?", "My payment failed but the money left my account"},
		openID: []string{"Kak, saya kena tagihan dua kali untuk order #{order}", "Mau minta invoice/faktur untuk pembelian kemarin", "Pembayaran gagal tapi saldo saya terpotong"}},
	{label: "refund", category: "returns",
		openEN: []string{"I'd like a refund for order #{order}, the size is wrong", "How long does a refund take?", "I returned the item last week, when do I get my money back?"},
		openID: []string{"Saya mau refund order #{order}, ukurannya salah", "Refund biasanya berapa lama ya kak?", "Barang sudah saya retur minggu lalu, dananya kapan kembali?"}},
	{label: "order-status", category: "question",
		openEN: []string{"Can you check the status of order #{order}?", "Has my order #{order} shipped yet?", "Is the blue one back in stock?"},
		openID: []string{"Kak, tolong cek status pesanan #{order}", "Order #{order} sudah dikirim belum ya?", "Warna biru ready stok lagi kapan kak?"}},
	{label: "complaint", category: "issue",
		openEN: []string{"The product arrived damaged, really disappointed", "I've been waiting 2 days for an answer!", "Wrong item delivered AGAIN"},
		openID: []string{"Barangnya datang dalam keadaan rusak, kecewa banget", "Sudah 2 hari nunggu jawaban admin!", "Barang yang dikirim salah lagi 😡"}},
	{label: "", category: "question",
		openEN: []string{"Hi! What are your opening hours?", "Do you ship to Surabaya?", "Hello, is cash on delivery available?"},
		openID: []string{"Halo kak, jam operasional toko jam berapa?", "Bisa kirim ke Surabaya kak?", "Bisa COD nggak kak?"}},
}

var followEN = []string{"ok", "Thanks, I'll wait", "It's order #{order}", "Here is the receipt", "Any update?", "Great, thank you!", "Can you send it today?", "Alright 👍"}
var followID = []string{"ok kak", "Baik kak, saya tunggu", "Nomor ordernya #{order}", "Ini bukti transfernya ya", "Gimana kak, ada update?", "Siap, makasih kak!", "Bisa dikirim hari ini?", "Oke 👍"}

var replyEN = []string{
	"Hi {name}, thanks for reaching out! Let me check that for you.",
	"I've checked order #{order}: it's with the courier and should arrive within 2 days.",
	"Sorry for the trouble. I've asked the warehouse to send a replacement today.",
	"The refund has been processed; it will show in 3–5 business days.",
	"Could you send a photo of the item and the package label?",
	"Done! Is there anything else I can help with?",
}
var replyID = []string{
	"Halo kak {name}, terima kasih sudah menghubungi kami. Mohon ditunggu, sedang kami cek 🙏",
	"Sudah kami cek kak, order #{order} sedang dalam perjalanan, estimasi 2 hari lagi sampai.",
	"Mohon maaf atas ketidaknyamanannya kak. Penggantian barang kami kirim hari ini ya.",
	"Refund sudah kami proses kak, dana masuk dalam 3–5 hari kerja.",
	"Boleh kirimkan foto barang dan label paketnya kak?",
	"Sudah beres ya kak. Ada lagi yang bisa kami bantu?",
}

var botGreetingEN = "Hi {name}! 👋 Thanks for contacting Toko Nusantara. Reply 1 for order status, 2 for refunds, or wait for an agent."
var botGreetingID = "Halo kak {name}! 👋 Terima kasih telah menghubungi Toko Nusantara. Balas 1 untuk status pesanan, 2 untuk refund, atau tunggu agen kami."
var botFAQEN = []string{"Our store is open Mon–Sat 09:00–18:00 WIB.", "Track your order at https://tokonusantara.example/track", "Refunds take 3–5 business days after we receive the item."}
var botFAQID = []string{"Toko kami buka Senin–Sabtu 09.00–18.00 WIB.", "Lacak pesanan kakak di https://tokonusantara.example/track", "Refund diproses 3–5 hari kerja setelah barang kami terima."}
var botOnlyCustomer = []string{"1", "2", "ok", "makasih", "thanks", "jam buka?", "👍"}

var broadcastTexts = []string{
	"🎉 Flash sale this weekend: 30% off all bags with code NUSA30! Reply YES to get the catalogue.",
	"Payday promo 💸 Free shipping all over Indonesia until Sunday. Reply YES for details.",
	"New arrivals are here ✨ Be the first to shop the collection. Reply YES to see it.",
}
var broadcastButtons = []string{"Yes, I'm interested", "YES", "Stop promotions"}
var broadcastReplyTexts = []string{"Is the promo valid for COD?", "yes please send the catalogue", "Mau kak, kirim katalognya", "Berlaku di toko offline juga?"}

var csatComments = map[int][]string{
	5: {"Fast and helpful, thanks!", "Pelayanan sangat baik 👍", "Mantap, cepat responnya", "Super helpful agent"},
	4: {"Good service", "Oke, cukup cepat", "Helpful, but took a while"},
	3: {"It was okay", "Lumayan"},
	2: {"Took too long to get an answer", "Lama banget balasnya"},
	1: {"Problem not solved", "Sangat mengecewakan"},
}

var resolveNotes = []string{
	"Customer confirmed receipt.", "Replacement shipped, tracking sent.", "Refund issued via bank transfer.",
	"Escalated to warehouse; resolved.", "Duplicate charge reversed.", "Answered FAQ.",
}

// fill replaces {name} and {order} placeholders.
func fill(r *rand.Rand, s, name string) string {
	s = strings.ReplaceAll(s, "{name}", name)
	if strings.Contains(s, "{order}") {
		s = strings.ReplaceAll(s, "{order}", fmt.Sprintf("INV/%d/%05d", 2025+r.IntN(2), r.IntN(100000)))
	}
	return s
}
