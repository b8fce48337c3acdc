package gen

// The vocabulary of the generated story: a river flood in a valley of small
// towns, the authorities' response and the quarrel over figures that follows.
// One story keeps the dossier coherent, as a real dossier is.
//
// Rules for every string here, so that generated Markdown reads back as the
// plain text the generator expects: no Markdown syntax characters (* _ ` [ ]
// < > # | ~ & \), no URLs or e-mail addresses (GFM would link them), and
// typographic quotes and apostrophes (“ ” ’) as a news desk writes them.
// Placeholders in braces are filled by [expand].

// personFirst are given names of people in the story.
var personFirst = []string{
	"Anna", "Tomasz", "Ingrid", "Kwame", "Lucía", "Dmitri", "Amara", "Henrik",
	"Nadia", "Rafael", "Yuki", "Oluwaseun", "Margit", "Céline", "Emeka", "Farida",
	"Gustavo", "Helena", "Ilse", "Jarek", "Kalinda", "Leopold", "Marisol", "Niamh",
	"Orla", "Pieter", "Rosalind", "Soren", "Thandiwe", "Ulrich", "Valeria", "Wendell",
	"Ximena", "Yusuf", "Zofia", "Bartholomew", "Cordelia", "Desmond", "Esperanza", "Fintan",
	"Greta", "Hamid", "Isolde", "Joaquín", "Katarina", "Lorcan", "Mireille", "Nikolai",
	"Ottilie", "Prakash", "Rhiannon", "Stellan", "Tatiana", "Umberto", "Vesna", "Wilhelmina",
}

// personLast are surnames. They are chosen not to be English words, so a
// surname used as an alias is never found by accident in ordinary prose.
var personLast = []string{
	"Halvorsen", "Okafor", "Lindqvist", "Moreau", "Castellanos", "Nakamura", "Brennagh",
	"Delacroix", "Achterberg", "Varga", "Kowalczyk", "Oyelaran", "Quistgaard", "Abernathy",
	"Szabo", "Ferreira", "Haugland", "Ibekwe", "Jankowski", "Karlsson", "Lefebvre", "Mwangi",
	"Novakova", "Oduya", "Petrossian", "Rautio", "Sandoval", "Tambwe", "Urquhart", "Vasquez",
	"Wojcik", "Yilmaz", "Zelenko", "Albescu", "Bergstrand", "Cavanagh", "Dragomir", "Esterhazy",
	"Fairbairn", "Gallardo", "Hakimi", "Ilunga", "Jovanovic", "Kaminski", "Lamarque", "Mbatha",
	"Nordqvist", "Ostrowski", "Pellegrini", "Quarshie", "Rasmussen", "Sokolova", "Terzic",
	"Ugarte", "Valdivia", "Whitcombe", "Xiuying", "Yevtushenko", "Zamorano", "Adeyemi",
	"Bjornstad", "Ciobanu", "Dunleavy", "Ekwueme", "Falkenrath", "Gorecki", "Hollingsworth",
	"Iwasaki", "Jaramillo", "Kettleborough", "Lindholm", "Marchetti", "Nwachukwu", "Oyarzun",
	"Papadakis", "Rokicki", "Strandberg", "Tiwari", "Uchenna", "Vukovic", "Wahlberg",
	"Yamaguchi", "Zdravkovic", "Arrieta", "Bouchard", "Czerny", "Daugherty", "Eriksdottir",
	"Fonseca", "Grunwald", "Hrubesch", "Ishikawa", "Jablonski", "Kuznetsova", "Lombardi",
	"Mortensen", "Nieminen", "Olabode", "Pacheco", "Ruokonen", "Sepulveda", "Tornquist",
	"Uzoma", "Villanueva", "Wenceslas", "Youssef", "Zuberi", "Aldana", "Brzezinski",
	"Cisneros", "Dalgaard", "Etxeberria", "Fitzgibbon", "Guerrero", "Hasselbach", "Ivanova",
	"Kovacs", "Laurentis", "Mikkelsen", "Nakashima", "Ortega", "Przybylski", "Rinaldi",
	"Santangelo", "Thorvaldsen", "Ulloa", "Vermeulen", "Wasilewski", "Zapatero",
}

// roles are what a person does in the story, with the title an alias may
// use ("Mayor Halvorsen"); an empty title gives no such alias.
var roles = []struct{ what, title string }{
	{"Mayor of {town}", "Mayor"},
	{"Governor of the valley region", "Governor"},
	{"Minister for water and flood defence", "Minister"},
	{"Senator representing the valley", "Senator"},
	{"Head of the relief center in {town}", ""},
	{"Hydrologist who has studied the river for two decades", ""},
	{"Chair of the {town} residents’ association", ""},
	{"Member of parliament for {town}", ""},
	{"Commissioner for emergency management", "Commissioner"},
}

// Organisations are named Place Domain Type ("Northern Water Authority").
var (
	orgPlace  = []string{"Northern", "Southern", "Eastern", "Western", "Central", "National", "Regional", "Federal", "Coastal", "Provincial", "Metropolitan", "United", "Independent", "Public", "Royal", "Valley"}
	orgDomain = []string{"Water", "Flood Defence", "Emergency", "Housing", "Farmers", "Insurance", "Energy", "Rail", "Health", "Transport", "Environment", "Relief", "Building", "River"}
	orgType   = []string{"Authority", "Agency", "Council", "Commission", "Board", "Union", "Association", "Institute", "Trust", "Federation", "Service"}
)

// Towns are named prefix+suffix ("Millbrook"); none is a word or a surname.
var (
	townPrefix = []string{"Mill", "Ash", "Bright", "Cold", "Elder", "Fern", "Glen", "Hazel", "Iron", "Kings", "Lark", "Marsh", "Oak", "Pine", "Red", "Rose", "Salt", "Stone", "Thorn", "Whit", "Wolf", "Wood", "Amber", "Birch", "Black", "Clay", "Dun", "Fair", "Gold", "Green", "Holm", "Lynd", "Nether", "Quarry", "Sedge", "Willow"}
	townSuffix = []string{"brook", "ford", "haven", "field", "bury", "wick", "stead", "dale", "gate", "mere", "ton", "well", "combe", "moor", "bridge", "hurst"}
)

var outlets = []string{
	"The Valley Courier", "Riverside Herald", "Northern Daily", "The Capital Ledger",
	"Harbor Tribune", "Westbrook Gazette", "National Wire Service", "The Morning Standard",
	"Evening Record", "Metro Observer", "Public Radio News", "The Weekly Review",
}

var authorFirst = []string{"Priya", "Tomás", "Hannah", "Marcus", "Leila", "Owen", "Sofia", "Daniel", "Aisha", "Felix", "Maya", "Jonas", "Clara", "Idris", "Nora", "Victor"}
var authorLast = []string{"Raman", "Ibarra", "Whitfield", "Osei", "Brandt", "Costa", "Hughes", "Sato", "Mendel", "Ambrose", "Kerr", "Duval", "Sterling", "Nakata", "Bishop", "Laine"}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var smallNumbers = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine"}

var tagWords = []string{"floods", "figures", "housing", "water", "insurance", "farming", "energy", "schools", "levee", "relief", "budget", "health", "evacuation", "infrastructure"}

var headlines = []string{
	"{Town} counts the cost as floodwaters recede",
	"Questions mount over the {town} levee",
	"{Surname} defends the handling of the flood",
	"Thousands still without power in {town}",
	"Insurers brace for a wave of flood claims",
	"How the dam above {town} gave way",
	"Relief money slow to reach {town}",
	"Farmers around {town} fear a lost harvest",
	"Flood figures disputed as the clean-up begins",
	"{Org} under pressure after the valley floods",
	"In {town}, a long night as the river rose",
	"Who pays for the levees? The argument returns",
	"{Surname} calls for an inquiry into the flood response",
	"Schools in {town} become shelters for the displaced",
	"The valley floods, one month on",
	"Water bills set to rise after the floods",
}

var leads = []string{
	"The floodwaters that swept through {town} this month have left damage that officials are only beginning to measure.",
	"A week after the river broke its banks, residents of {town} are still counting what they lost.",
	"The argument over how many people the floods displaced grew sharper on {weekday}.",
	"Officials in the valley faced mounting questions on {weekday} over the warnings that came too late for {town}.",
	"The clean-up in {town} began in earnest this week, as the water finally retreated from its streets.",
	"The cost of the worst floods the valley has seen in a generation is still rising.",
}

var headings = []string{
	"What the figures show", "The official response", "Questions over the levee",
	"What comes next", "Counting the cost", "Reaction in {town}", "A long recovery",
	"Background", "Who is responsible", "The insurance question", "On the ground",
}

var fillers = []string{
	"Heavy rain fell across the valley for {ndays} days before the river broke through.",
	"The flooding is the worst the region has seen in a generation, according to residents.",
	"Many of the streets in {town} were still under water on {weekday}.",
	"Volunteers handed out blankets and bottled water outside the town hall in {town}.",
	"The river peaked at {meters} meters above its normal level late on {weekday}.",
	"Forecasters expect more rain in the coming days.",
	"{org} did not respond to a request for comment.",
	"{person} declined to comment on the figures.",
	"A spokesperson for {org} said it was reviewing its procedures.",
	"The figures could not be independently verified.",
	"Officials cautioned that the count was still preliminary.",
	"Residents of {town} described a chaotic night as the water rose.",
	"“We lost everything,” said one resident, who asked not to be named.",
	"“Nobody told us to leave,” a shop owner in {town} said.",
	"Some families have been sleeping in their cars since the flood.",
	"Relief centers in {town} and {town2} were operating at capacity by {weekday}.",
	"Insurance companies have sent assessors to the worst-hit areas.",
	"{person} faced pointed questions from reporters at a briefing on {weekday}.",
	"The opposition has called for an independent inquiry.",
	"Critics say warnings about the levee were ignored for years.",
	"The dam above {town} was completed in {oldyear} and last inspected in {year0}.",
	"About {pctsmall} percent of the region’s farmland lies on the flood plain.",
	"Roads between {town} and {town2} reopened on {weekday} afternoon.",
	"The army sent {num} soldiers to help with the clean-up.",
	"Power lines were brought down by fallen trees on both sides of the river.",
	"Schools across the district have been turned into temporary shelters.",
	"Local businesses estimate their losses in the millions of dollars.",
	"{person} said the government would publish a full account of its response.",
	"It was not immediately clear when the full figures would be released.",
	"Engineers are still assessing the damage to the old bridge at {town}.",
	"{org} has come under growing pressure to explain its decisions.",
	"The last comparable flood, in {oldyear}, forced thousands from their homes.",
	"The water began to recede on {weekday}, leaving thick mud in homes and shops.",
	"Aid groups warned of a risk of disease from contaminated water.",
	"{person}, who toured {town} on {weekday}, promised swift help.",
	"A crowd gathered outside the offices of {org} in {town} on {weekday} evening.",
	"The regional parliament is expected to debate an emergency budget next week.",
	"Several families in {town} said they had received no help at all.",
	"The damage is still being counted, and officials expect the total to rise.",
	"Farmers said the water had ruined crops just weeks before the harvest.",
	"Train services through the valley remain suspended.",
	"{person} has defended the decision to delay the evacuation.",
	"The mayor’s office said it had received hundreds of calls a day since the flood.",
	"Emergency crews worked through the night to shore up the banks near {town}.",
	"The flood has also revived a long-running dispute over who should pay for the levees.",
	"Some residents said they would not return.",
	"The *timing* of the warnings is now at the center of the dispute.",
	"Officials insist the response was **not** delayed.",
	"Experts say a warming climate has made such floods more likely.",
	"The death toll has been revised several times since the flood.",
	"Water in parts of {town} was declared unsafe to drink.",
	"Church halls and sports centers have been opened to those without shelter.",
	"Landlords in {town} have been asked to suspend rent collection.",
	"In {town2}, the water reached the first floor of many homes.",
	"Prices for bottled water rose sharply in the days after the flood.",
	"{org} said it had doubled the number of staff working on claims.",
	"Turnout at a public meeting in {town} on {weekday} was about {pctsmall} percent higher than organizers expected.",
	"A fund set up by local churches has raised roughly ${small} million so far.",
	"{person} and {person2} met in {town} on {weekday} but reached no agreement.",
	"{org} and {org2} have traded blame since the flood.",
	"The river’s flood gauges at {town} stopped reporting for several hours on the night of the flood.",
	"Many of those displaced are elderly, according to {org}.",
}

// listIntros introduce a bulleted or numbered list.
var listIntros = []string{
	"{org} set out its priorities for the coming weeks:",
	"Among the measures announced on {weekday}:",
	"Residents interviewed in {town} named their main concerns:",
	"The emergency plan published on {weekday} includes:",
}

var listItems = []string{
	"temporary housing for families from {town}",
	"free testing of drinking water across the valley",
	"a freeze on evictions until {month}",
	"compensation for farmers who lost their harvest",
	"repairs to the road bridge at {town}",
	"an independent review of the dam’s safety record",
	"extra staff at the relief center in {town}",
	"faster payment of insurance claims",
	"new flood gauges along the upper river",
	"counseling for children who lost their homes",
}

// genericSpeech is what a blockquote says when no claim quotes it.
var genericSpeech = []string{
	"This is not the time to assign blame",
	"We are doing everything we can, and we will do more",
	"The water came faster than anyone expected",
	"We will rebuild, but it will take time",
	"Our first duty is to the families who lost their homes",
}

// quantity is a kind of figure a source reports; its key is the town's slug
// plus the suffix, so that each (town, quantity) pair is one figure key.
type quantity struct {
	suffix string // key suffix
	unit   string
	kind   numKind
	lo, hi int64 // range of true values (tenths for percentKind)
	// clause states the figure {F} about {town}; measure names the quantity
	// in a claim title ("puts {measure} at {F}").
	clause, measure string
}

type numKind int

const (
	countKind   numKind = iota // 312,450
	moneyKind                  // $4.52 billion, unit USD
	percentKind                // 12.4 percent, stored in tenths
)

var quantities = []quantity{
	{"residents-displaced", "people", countKind, 2000, 400000, "{F} residents were displaced by the flooding in {town}", "the number of residents displaced in {town}"},
	{"homes-damaged", "homes", countKind, 500, 90000, "{F} homes in {town} were damaged or destroyed", "the number of homes damaged in {town}"},
	{"rebuilding-cost", "USD", moneyKind, 20_000_000, 9_000_000_000, "rebuilding {town} will cost {F}", "the cost of rebuilding {town}"},
	{"relief-pledged", "USD", moneyKind, 1_000_000, 500_000_000, "{F} in relief has been pledged to {town}", "the relief pledged to {town}"},
	{"unemployment-rate", "percent", percentKind, 40, 280, "unemployment in {town} has reached {F}", "unemployment in {town}"},
	{"households-without-power", "households", countKind, 1000, 250000, "{F} households in {town} were left without power", "the number of households without power in {town}"},
	{"farmland-flooded", "hectares", countKind, 500, 120000, "{F} hectares of farmland around {town} were under water", "the flooded farmland around {town}"},
	{"insurance-claims", "claims", countKind, 300, 80000, "insurers have received {F} claims from {town}", "the number of insurance claims from {town}"},
	{"water-price-rise", "percent", percentKind, 40, 400, "water bills in {town} will rise by {F}", "the rise in water bills in {town}"},
	{"deaths", "deaths", countKind, 5, 900, "{F} people died in {town} as the river rose", "the death toll in {town}"},
	{"schools-closed", "schools", countKind, 5, 400, "{F} schools in {town} remain closed", "the number of schools closed in {town}"},
	{"levee-repair-cost", "USD", moneyKind, 5_000_000, 900_000_000, "repairs to the levee at {town} will cost {F}", "the cost of repairing the levee at {town}"},
}

// hedges introduce an approximate figure.
var hedges = []string{"roughly", "about", "nearly", "around", "an estimated", "close to", "some"}

// figureForms attribute a figure clause ({C}) to its source ({E}).
// A form with {C} first capitalises it.
var figureForms = []string{
	"According to {E}, {C}{tail}.",
	"{E} said {C}{tail}.",
	"{C}, {E} said.",
	"In a briefing on {weekday}, {E} told reporters that {C}.",
}

// orgFigureForms are figureForms that only an organisation can be the
// source of.
var orgFigureForms = []string{
	"{E} estimates that {C}{tail}.",
	"Figures released by {E} on {weekday} show that {C}{tail}.",
}

var figureTails = []string{
	"", "", "",
	", the highest figure since records began in {oldyear}",
	", though the count is still rising",
	", up sharply from a week earlier",
	", a figure that local groups dispute",
}

// speech is a statement a speaker makes; title reports it in the editors'
// words ({S} is the speaker's name).
type speech struct{ text, title string }

var speeches = []speech{
	{"We will not leave the people of {town} to fend for themselves", "{S} promised not to abandon the people of {town}."},
	{"Every family in {town} will have a roof over its head by {month}", "{S} promised shelter for every family in {town} by {month}."},
	{"The money promised to {town} has not arrived", "{S} said aid promised to {town} had not arrived."},
	{"There is no plan to raise water prices in {town} this year", "{S} denied plans to raise water prices in {town} this year."},
	{"The reservoir at {town} was never designed for a flood of this size", "{S} said the reservoir at {town} was not designed for such a flood."},
	{"We need at least ${small} million to rebuild {town}", "{S} said rebuilding {town} needs at least ${small} million."},
	{"I have asked for a full inquiry into what happened in {town}", "{S} asked for a full inquiry into the flood in {town}."},
	{"Our crews have been working around the clock in {town} since {weekday}", "{S} said crews had worked around the clock in {town}."},
	{"It will take years, not months, for {town} to recover", "{S} said {town} will need years to recover."},
	{"The insurers are dragging their feet on claims from {town}", "{S} accused insurers of delaying claims from {town}."},
	{"We warned about the levee at {town} in {year0}, and nobody listened", "{S} said warnings in {year0} about the levee at {town} were ignored."},
	{"The farms around {town} may not produce a harvest until {year1}", "{S} warned that farms around {town} may not recover until {year1}."},
	{"The evacuation of {town} saved lives, and I stand by it", "{S} defended the evacuation of {town}."},
	{"No one in {town} will be charged for emergency housing", "{S} said emergency housing in {town} will be free."},
	{"The people of {town} deserve answers, not excuses", "{S} demanded answers for the people of {town}."},
	{"We are still finding homes in {town} that nobody has checked", "{S} said some homes in {town} have not been checked."},
}

// opposites are pairs of statements that cannot both be true: claims
// made of them are marked "contradicts".
var opposites = [][2]speech{
	{{"The levee at {town} will be rebuilt by {year1}", "{S} said the levee at {town} will be rebuilt by {year1}."},
		{"The levee at {town} cannot be rebuilt before {year2}", "{S} said the levee at {town} cannot be rebuilt before {year2}."}},
	{{"Water prices in {town} will not rise this year", "{S} said water prices in {town} will not rise this year."},
		{"Water prices in {town} will have to rise this year", "{S} said water prices in {town} must rise this year."}},
	{{"The evacuation order for {town} was issued in time", "{S} said the evacuation order for {town} came in time."},
		{"The evacuation order for {town} came far too late", "{S} said the evacuation order for {town} came too late."}},
	{{"The dam above {town} did not fail", "{S} said the dam above {town} did not fail."},
		{"The dam above {town} failed, and the authorities knew it was weak", "{S} said the dam above {town} failed and its weakness was known."}},
	{{"All schools in {town} will reopen by {month}", "{S} said all schools in {town} will reopen by {month}."},
		{"The schools in {town} will stay closed until {year1}", "{S} said schools in {town} will stay closed until {year1}."}},
}

// speechForms attribute a speech ({Q}) to a speaker ({S}).
var speechForms = []string{
	"“{Q},” {S} said.",
	"“{Q},” {S} said on {weekday}.",
	"{S} said: “{Q}.”",
	"“{Q},” {S} told reporters in {town2}.",
	"“{Q},” said {S}.",
}

// event is something that happened on a day ({D}, "March 14"); title
// reports it ({A} is the actor's name).
type event struct{ text, title string }

var events = []event{
	{"On {D}, {org} opened emergency shelters in {town}.", "{A} opened emergency shelters in {town}"},
	{"{org} ordered the evacuation of {town} on {D}.", "{A} ordered the evacuation of {town}"},
	{"The river burst its banks at {town} on {D}.", "The river burst its banks at {town}"},
	{"On {D}, {person} visited {town} to inspect the damage.", "{A} visited {town} to inspect the damage"},
	{"Work to repair the levee at {town} began on {D}.", "Repairs to the levee at {town} began"},
	{"{org} cut off the water supply to {town} on {D}.", "{A} cut off the water supply to {town}"},
	{"Schools in {town} reopened on {D}.", "Schools in {town} reopened"},
	{"On {D}, {org} announced an inquiry into the dam at {town}.", "{A} announced an inquiry into the dam at {town}"},
	{"Power was restored to most of {town} on {D}.", "Power was restored to most of {town}"},
	{"The bridge at {town} was closed to traffic on {D}.", "The bridge at {town} was closed to traffic"},
	{"On {D}, {person} signed an emergency decree covering {town}.", "{A} signed an emergency decree covering {town}"},
	{"The first relief convoy reached {town} on {D}.", "The first relief convoy reached {town}"},
}

var verdicts = []string{"supported", "misleading", "disputed", "false", "unverified"}

var commentaryLead = []string{
	"The wording differs slightly between outlets, but the substance is the same.",
	"No official document confirming this has been published yet.",
	"The claim was repeated at several briefings in the days after the flood.",
	"Local groups have challenged this account.",
	"*Editor’s note:* the figure was still being revised when the articles appeared.",
	"This is one of the **most cited** statements of the crisis.",
}
