// A curated list of a few hundred of the most used passwords and their obvious long forms, written out
// here (no package with such a list is installed). Only entries of 12 characters or more can matter,
// since shorter ones fail the length rule first; short bases are still listed so that a base padded
// with digits or repeated is caught by weakPassword() below.
const BASES = `
password passw0rd p@ssword p@ssw0rd letmein welcome welcome1 admin administrator qwerty qwertyuiop
asdfghjkl zxcvbnm qazwsx 1qaz2wsx zaq12wsx iloveyou monkey dragon master sunshine princess football
baseball soccer hockey superman batman starwars shadow michael jennifer jordan trustno1 whatever
freedom hello secret changeme abc123 abcdef abcdefgh 123abc login access master123 computer internet
mustang harley ranger buster tigger charlie daniel thomas robert hunter summer winter autumn spring
flower cookie chocolate pepper ginger banana orange purple yellow silver golden diamond matrix
killer pokemon naruto minecraft fortnite google facebook linkedin microsoft apple samsung nintendo
liverpool arsenal chelsea barcelona madrid juventus london paris berlin newyork america canada
heaven angel lovely loveme mylove babygirl family forever jesus christ blessed rapport company
office work manager employee september october november december january february march april
june july august monday friday weekend holiday coffee teacher student school college summer2024
winter2024 spring2025 summer2025 autumn2025 winter2025 spring2026 summer2026 password1 password12
password123 password1234 qwerty123 qwerty1234 letmein123 welcome123 admin123 admin1234 iloveyou1
`;

const LONG = `
123456789012 1234567890123 12345678901234 123456789123 111111111111 000000000000 123123123123
qwertyuiop12 qwertyuiop123 qwertyuiopasdf qwertyuiopasdfgh asdfghjkl123 zxcvbnm12345 1q2w3e4r5t6y
1q2w3e4r5t6y7u 1qaz2wsx3edc 1qaz2wsx3edc4rfv qazwsxedcrfv zaq1zaq1zaq1 q1w2e3r4t5y6 a1b2c3d4e5f6
passwordpassword password1234 password12345 password123456 password!234 passw0rd1234 p@ssw0rd1234
p@ssword1234 letmeinletmein iloveyouiloveyou iloveyou1234 iloveyou12345 welcome12345 welcome123456
welcometothejungle correcthorse correcthorsebatterystaple trustno1trustno1 abcdefghijkl
abcdefghijklmnop abc123abc123 abcd1234abcd1234 aaaaaaaaaaaa changemenow changeme1234 changeme12345
administrator1 administrator123 adminadminadmin superman1234 batman123456 starwars1234 football1234
baseball1234 monkey123456 dragon123456 sunshine1234 princess1234 michael12345 jennifer1234
whatever1234 freedom12345 computer1234 internet1234 mustang12345 shadow123456 master123456
liverpool123 manchesterunited chelsea12345 arsenal12345 barcelona123 realmadrid123 blink182blink182
thequickbrownfox thequickbrownfoxjumps ilovemyfamily ilovemymom ilovemydog iloveyoubaby
letmeinplease opensesame1234 mypassword123 mypassword1234 yourpassword newpassword123 newpassword1234
securepassword strongpassword supersecret123 topsecret1234 donotforget nopassword1234 passwordisnull
qwerty123456 qwerty1234567 asdf1234asdf 1234qwerasdf 1234qwerasdfzxcv qwer1234qwer
zxcvbnmasdfghjkl poiuytrewq12 lkjhgfdsa123 mnbvcxz12345 987654321098 098765432109 147258369147
159357159357 741852963741 123qweasdzxc 1234abcd1234 ihatemylife12 happybirthday lovelovelove
sunshine12345 rainbow123456 chocolate123 cheeseburger butterfly123 pineapple123 strawberry12
watermelon12 blueberry123 elephant1234 basketball12 skateboard12 motorcycle12 playstation2 playstation4
playstation5 xbox360xbox360 minecraft123 fortnite1234 pokemon12345 naruto123456 spiderman123
ironman12345 harrypotter1 harrypotter123 gameofthrones lordoftherings starwars12345 startrek1234
rapport12345 rapportrapport companyname1 welcome2024! welcome2025! welcome2026! summer2024!
summer2025! summer2026! winter2024! winter2025! winter2026! spring2025! spring2026! autumn2025!
password2024 password2025 password2026 password2024! password2025! password2026! january2025
january2026 december2025 december2026
`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([...words(BASES), ...words(LONG)]);

/**
 * True when the password is on the list, or is a listed word (or one character, or a run like
 * "abcdef"/"123456") padded with digits and punctuation or repeated: the ways people stretch a weak
 * password to the length rule.
 */
export function isCommonPassword(password: string): boolean {
  const folded = password.normalize("NFKC").toLowerCase();
  if (COMMON_PASSWORDS.has(folded)) return true;
  const core = folded.replace(/^[\d\W_]+|[\d\W_]+$/g, "");
  if (core === "" || COMMON_PASSWORDS.has(core)) return true;
  if (new Set(folded).size <= 2) return true;
  // The same short piece over and over: "abcabcabcabc", "passwordpassword".
  for (let size = 1; size <= folded.length / 2; size++) {
    if (folded.length % size === 0 && folded.slice(0, size).repeat(folded.length / size) === folded) {
      return size < 4 || COMMON_PASSWORDS.has(folded.slice(0, size));
    }
  }
  return false;
}
