/** Names for people and teams. Wide enough that a large organisation does not look cloned. */

export const FIRST_NAMES = [
  "Aaliyah", "Aaron", "Abdul", "Ada", "Adaeze", "Aditi", "Adrian", "Agnieszka", "Ahmed", "Aiko", "Aisha", "Alejandro",
  "Aleksander", "Alex", "Alice", "Amara", "Amelia", "Amir", "Ana", "Anders", "Andrea", "Anika", "Anna", "Arjun",
  "Astrid", "Ayesha", "Beatriz", "Ben", "Bianca", "Bilal", "Bruno", "Camille", "Carlos", "Carmen", "Chen", "Chidi",
  "Chloe", "Chris", "Claire", "Dan", "Daniela", "Dario", "David", "Deepa", "Diego", "Dimitri", "Elena", "Eli",
  "Elif", "Emeka", "Emily", "Emma", "Erik", "Esther", "Ethan", "Eva", "Fatima", "Felix", "Fernando", "Fiona",
  "Florian", "Freya", "Gabriel", "Gemma", "Grace", "Hana", "Hannah", "Harriet", "Hassan", "Helena", "Hiroshi", "Ibrahim",
  "Ines", "Ingrid", "Isaac", "Isabel", "Ivan", "Jack", "Jamal", "James", "Jana", "Javier", "Jin", "Joanna",
  "Jonas", "Jorge", "Jose", "Julia", "Julien", "Kai", "Kamala", "Karim", "Kate", "Kenji", "Kofi", "Lara",
  "Laura", "Leila", "Leon", "Lina", "Lucas", "Lucia", "Luis", "Maja", "Malik", "Marco", "Maria", "Mariam",
  "Mark", "Marta", "Mateo", "Matthew", "Maya", "Mehmet", "Mei", "Mia", "Miguel", "Mina", "Mohammed", "Nadia",
  "Naomi", "Nathan", "Neha", "Nia", "Nikhil", "Nils", "Noah", "Nora", "Olga", "Oliver", "Olivia", "Omar",
  "Oscar", "Pablo", "Paolo", "Patrick", "Pedro", "Petra", "Priya", "Rafael", "Rahul", "Rania", "Raquel", "Ravi",
  "Rebecca", "Rohan", "Rosa", "Ruth", "Ryan", "Sakura", "Samir", "Samuel", "Sara", "Sean", "Sofia", "Sophie",
  "Stefan", "Sunita", "Tariq", "Tessa", "Thabo", "Theo", "Thomas", "Tomasz", "Tunde", "Valentina", "Victor", "Wei",
  "Yara", "Yasmin", "Yusuf", "Zainab", "Zara", "Zoe",
] as const;

export const LAST_NAMES = [
  "Abbott", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Arslan", "Bakker", "Banerjee", "Barnes", "Becker", "Bennett", "Bianchi",
  "Brennan", "Brooks", "Campbell", "Carter", "Castillo", "Chen", "Chowdhury", "Clarke", "Costa", "Cruz", "Dahl", "Das",
  "Davies", "Dubois", "Edwards", "Eriksson", "Evans", "Farah", "Fernandes", "Fischer", "Fitzgerald", "Fontaine", "Garcia", "Ghosh",
  "Gomez", "Gonzalez", "Graham", "Gupta", "Hansen", "Harris", "Hayes", "Herrera", "Hoffmann", "Hughes", "Hussain", "Ibrahim",
  "Ito", "Iyer", "Jansen", "Jensen", "Johansson", "Kapoor", "Kaur", "Kelly", "Khan", "Kim", "Kowalski", "Kumar",
  "Larsen", "Laurent", "Lee", "Lindqvist", "Lopez", "Mahmoud", "Martin", "Martinez", "Mendes", "Meyer", "Moreau", "Morgan",
  "Mukherjee", "Murphy", "Nakamura", "Nguyen", "Nielsen", "Novak", "Nowak", "Nwosu", "O'Brien", "Okafor", "Okonkwo", "Olsen",
  "Ortiz", "Osei", "Park", "Patel", "Pereira", "Petrov", "Phillips", "Popescu", "Quinn", "Rahman", "Ramirez", "Reddy",
  "Reyes", "Richter", "Rivera", "Roberts", "Romano", "Rossi", "Russo", "Sanchez", "Santos", "Sato", "Schmidt", "Schneider",
  "Shah", "Sharma", "Silva", "Singh", "Smith", "Sorensen", "Suzuki", "Tanaka", "Taylor", "Thompson", "Torres", "Turner",
  "Van Dijk", "Vargas", "Wagner", "Walker", "Wang", "Watanabe", "Weber", "Williams", "Wilson", "Wong", "Yamamoto", "Yilmaz",
  "Young", "Zhang", "Zhou", "Zielinski",
] as const;

/** Department kinds and the teams under each; team names are unique across departments. */
export const DEPARTMENTS = [
  {
    name: "Engineering",
    kind: "engineering",
    teams: ["Platform", "Payments", "Mobile", "Web Experience", "Infrastructure", "Security", "Developer Experience", "Search", "Integrations", "Reliability", "Identity", "Billing Systems"],
  },
  {
    name: "Sales",
    kind: "sales",
    teams: ["Enterprise Sales", "Mid-Market Sales", "Sales Development", "Solutions Engineering", "Partnerships", "Sales Operations", "Public Sector"],
  },
  {
    name: "People & Operations",
    kind: "operations",
    teams: ["People Partners", "IT & Workplace", "Talent Acquisition", "Learning & Development", "Finance", "Legal", "Procurement"],
  },
  {
    name: "Product & Design",
    kind: "product",
    teams: ["Product Management", "Product Design", "User Research", "Design Systems", "Content Design"],
  },
  {
    name: "Customer Success",
    kind: "customer",
    teams: ["Support", "Onboarding", "Account Management", "Customer Education", "Support Operations"],
  },
  {
    name: "Marketing",
    kind: "marketing",
    teams: ["Growth Marketing", "Brand", "Product Marketing", "Content Marketing", "Events", "Marketing Operations"],
  },
  {
    name: "Data",
    kind: "engineering",
    teams: ["Analytics", "Data Engineering", "Machine Learning", "Data Platform", "Business Intelligence"],
  },
] as const;

export type DepartmentKind = (typeof DEPARTMENTS)[number]["kind"];

/** When an organisation needs more teams of one name, they split by focus. */
export const TEAM_FOCUS = ["Core", "Tools", "Foundations", "Experience", "Automation", "Growth", "Quality", "Insights", "Enablement", "Scale"] as const;

/** Large organisations repeat departments per region; each region has its office's time zone. */
export const REGIONS = [
  { suffix: "", timezone: "Europe/London" },
  { suffix: "Americas", timezone: "America/New_York" },
  { suffix: "EMEA", timezone: "Europe/Berlin" },
  { suffix: "APAC", timezone: "Asia/Singapore" },
  { suffix: "West", timezone: "America/Los_Angeles" },
  { suffix: "Nordics", timezone: "Europe/Stockholm" },
  { suffix: "LATAM", timezone: "America/Sao_Paulo" },
  { suffix: "India", timezone: "Asia/Kolkata" },
] as const;

/** Lowercase ASCII for an email's local part: "Van Dijk" -> "vandijk", "O'Brien" -> "obrien". */
export function emailPart(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}
