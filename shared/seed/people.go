package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// country is one calling-code population of customers.
type country struct {
	code   string  // ISO 3166-1 alpha-2
	weight float64 // share of customers
	first  []string
	last   []string
	// national returns a random national significant number (no trunk prefix).
	national func(r *rand.Rand) string
	cc       string // calling code without '+'
}

func digits(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

var countries = []country{
	{code: "ID", cc: "62", weight: 0.70,
		first: []string{"Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Ayu", "Fajar", "Indah", "Dimas", "Rina", "Hendra", "Nurul", "Bayu", "Wulan", "Yoga", "Sri", "Eko", "Fitri", "Aditya", "Lestari", "Arif", "Maya", "Bagus", "Intan", "Reza", "Nadia", "Galih", "Kartika", "Joko", "Ratna", "Wahyu", "Anisa", "Teguh", "Mega"},
		last:  []string{"Santoso", "Wijaya", "Pratama", "Saputra", "Hidayat", "Kurniawan", "Lestari", "Setiawan", "Nugroho", "Wibowo", "Siregar", "Nasution", "Halim", "Gunawan", "Susanto", "Hartono", "Purnomo", "Rahmawati", "Sihombing", "Tanjung", "Simanjuntak", "Permana", "Firmansyah", "Utami"},
		national: func(r *rand.Rand) string {
			return pick(r, []string{"811", "812", "813", "821", "822", "852", "853", "857", "858", "877", "878", "895", "896"}) + digits(r, 8)
		}},
	{code: "BR", cc: "55", weight: 0.06,
		first: []string{"João", "Maria", "Ana", "Pedro", "Lucas", "Juliana", "Gabriel", "Fernanda", "Rafael", "Camila", "Letícia", "Thiago"},
		last:  []string{"Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Conceição", "Gonçalves", "Araújo", "Ribeiro"},
		national: func(r *rand.Rand) string {
			return pick(r, []string{"11", "21", "31", "41", "51", "61", "71", "81"}) + "9" + pick(r, []string{"6", "7", "8", "9"}) + digits(r, 7)
		}},
	{code: "MX", cc: "52", weight: 0.05,
		first: []string{"José", "Guadalupe", "Juan", "Sofía", "Carlos", "Valeria", "Miguel", "Ximena", "Alejandro", "Mariana"},
		last:  []string{"Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Flores"},
		national: func(r *rand.Rand) string {
			return pick(r, []string{"55", "33", "81"}) + pick(r, []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}) + digits(r, 7)
		}},
	{code: "IN", cc: "91", weight: 0.07,
		first: []string{"Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rohan", "Divya"},
		last:  []string{"Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Joshi"},
		national: func(r *rand.Rand) string {
			return pick(r, []string{"98", "97", "96", "94", "91", "88", "87", "70", "76", "63"}) + digits(r, 8)
		}},
	{code: "US", cc: "1", weight: 0.05,
		first: []string{"James", "Emily", "Michael", "Olivia", "David", "Sarah", "Chris", "Jessica", "Daniel", "Ashley"},
		last:  []string{"Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore", "Clark"},
		national: func(r *rand.Rand) string {
			return pick(r, []string{"415", "212", "646", "312", "206", "617", "512", "305", "404", "303"}) +
				pick(r, []string{"2", "3", "4", "6", "7", "8", "9"}) + digits(r, 2) + digits(r, 4)
		}},
	{code: "GB", cc: "44", weight: 0.03,
		first: []string{"Oliver", "Amelia", "Harry", "Isla", "George", "Sophie", "Jack", "Chloe", "Noah", "Freya"},
		last:  []string{"Smith", "Jones", "Williams", "Taylor", "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright"},
		national: func(r *rand.Rand) string {
			// Mainland-GB mobile blocks only (7509, 7700 9… and friends belong to Jersey or are reserved).
			return pick(r, []string{"7711", "7723", "7740", "7752", "7766", "7788", "7799", "7412", "7533", "7956", "7480", "7852", "7903", "7972"}) + digits(r, 6)
		}},
	{code: "NG", cc: "234", weight: 0.04,
		first: []string{"Chinedu", "Ngozi", "Emeka", "Aisha", "Tunde", "Funmilayo", "Ibrahim", "Chiamaka", "Segun", "Blessing"},
		last:  []string{"Okafor", "Adeyemi", "Okonkwo", "Bello", "Abubakar", "Eze", "Olawale", "Nwosu", "Balogun", "Obi"},
		national: func(r *rand.Rand) string {
			return pick(r, []string{"803", "806", "813", "816", "703", "706", "805", "807", "802", "808", "812", "902", "906"}) + digits(r, 7)
		}},
}

// customerInfo is a Customer plus the generator's private details.
type customerInfo struct {
	Customer
	profileName string // WhatsApp profile name (sometimes a nickname)
	indonesian  bool   // writes in Indonesian
	first       string
}

func pickCountry(r *rand.Rand) *country {
	x := r.Float64()
	for i := range countries {
		x -= countries[i].weight
		if x < 0 {
			return &countries[i]
		}
	}
	return &countries[0]
}

// makeCustomers creates n customers with unique E.164 phones.
func makeCustomers(r *rand.Rand, n int) []customerInfo {
	seen := make(map[string]bool, n)
	out := make([]customerInfo, 0, n)
	for len(out) < n {
		c := pickCountry(r)
		num := c.cc + c.national(r)
		if seen[num] {
			continue
		}
		seen[num] = true
		first := pick(r, c.first)
		name := first + " " + pick(r, c.last)
		if c.code == "ID" && r.IntN(100) < 15 {
			name = first // many Indonesians go by one name
		}
		profile := name
		switch x := r.IntN(100); {
		case x < 8:
			profile = first
		case x < 12:
			profile = first + " " + pick(r, []string{"🙂", "✨", "🌻", "⚽"})
		case x < 14:
			profile = strings.ToLower(first)
		}
		out = append(out, customerInfo{
			Customer: Customer{
				ID:      num,
				Name:    name,
				Phone:   "+" + num,
				Country: c.code,
			},
			profileName: profile,
			indonesian:  c.code == "ID",
			first:       first,
		})
	}
	return out
}

// agentInfo is an Agent plus login habits.
type agentInfo struct {
	Agent
	desktopUA string
	mobileUA  string
	homeIP    string
	handles   bool    // takes tickets
	weight    float64 // share of tickets when on shift
}

var agentNames = []string{
	"Rudi Hartanto", "Mira Kusuma", "Yusuf Rahman", "Dian Puspita", "Fikri Maulana", "Sari Anggraini",
	"Kevin Tanoto", "Laras Ayuningtyas", "Bima Prakoso", "Citra Handayani", "Irfan Hakim", "Tania Sutanto",
	"Gilang Ramadhan", "Nabila Putri", "Wira Adinata", "Eka Septiani",
}

var desktopUAs = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 Edg/138.0.3351.95",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36",
	"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:141.0) Gecko/20100101 Firefox/141.0",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:141.0) Gecko/20100101 Firefox/141.0",
}

var mobileUAs = []string{
	"Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.7258.62 Mobile Safari/537.36",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Linux; Android 13; 23021RAAEG) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.7204.179 Mobile Safari/537.36",
	"Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.7258.62 Mobile Safari/537.36",
}

// officeIP is the public address of the support office.
const officeIP = "103.28.52.14"

// makeAgents creates 1 admin, 1–2 supervisors and 7–9 agents; agents report to a supervisor and share its team.
func makeAgents(r *rand.Rand) []agentInfo {
	names := append([]string(nil), agentNames...)
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	teams := []string{"Customer Care", "Orders & Delivery"}
	nSup := 1 + r.IntN(2)
	nAgents := 7 + r.IntN(3)
	homeIP := func() string {
		return fmt.Sprintf("%s.%d.%d", pick(r, []string{"36.68", "36.72", "114.124", "180.244", "182.253", "125.160"}), r.IntN(256), 1+r.IntN(254))
	}
	var out []agentInfo
	add := func(role, sup, team string, handles bool, weight float64) {
		i := len(out) + 1
		out = append(out, agentInfo{
			Agent: Agent{
				ID:           fmt.Sprintf("agt_%02d", i),
				Name:         names[i-1],
				Role:         role,
				SupervisorID: sup,
				Team:         team,
			},
			desktopUA: pick(r, desktopUAs),
			mobileUA:  pick(r, mobileUAs),
			homeIP:    homeIP(),
			handles:   handles,
			weight:    weight,
		})
	}
	add("admin", "", "", false, 0)
	for s := range nSup {
		add("supervisor", "", teams[s], true, 0.3)
	}
	for a := range nAgents {
		s := a % nSup
		add("agent", out[1+s].ID, teams[s], true, 0.7+0.6*r.Float64())
	}
	return out
}
