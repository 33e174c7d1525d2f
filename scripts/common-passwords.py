#!/usr/bin/env python3
"""Writes LeadSync.Web/Security/common-passwords.txt, the deny list of AdminPasswordValidator.

The list is built, not downloaded: the most common passwords of the widely published top-password lists (SplashData,
NordPass, NCSC "100k most common", RockYou top entries), keyboard walks and sequences, and the patterns people use to
stretch a common word to a required length (word + digits/year/symbol, leetspeak, doubled words). Entries are lower
case (the app compares case-insensitively) and unique. Run it from the repository root after changing the lists.
"""

from pathlib import Path

TOP = """
123456 password 123456789 12345678 12345 qwerty 1234567 111111 1234567890 123123 abc123 1234 password1 iloveyou 1q2w3e4r
000000 qwerty123 zaq12wsx dragon sunshine princess letmein 654321 monkey 27653 1qaz2wsx 123321 qwertyuiop superman
asdfghjkl trustno1 123qwe 1q2w3e football baseball welcome shadow master michael jordan23 harley hunter ranger buster
soccer hockey killer george charlie andrew michelle love jessica pepper daniel access 696969 thomas robert matthew
joshua ashley bailey passw0rd 1qazxsw2 qazwsx 666666 121212 7777777 555555 112233 987654321 159753 google donald
whatever freedom starwars batman loveme flower hello hottie lovely nicole 11111111 888888 aa123456 qwe123 zxcvbnm
zxcvbn 1234qwer computer internet samsung pokemon naruto cookie cheese chocolate summer winter spring autumn
mustang corvette ferrari porsche yamaha liverpool chelsea arsenal barcelona realmadrid juventus manchester
yankees cowboys steelers eagles lakers tigger jennifer amanda jasmine taylor justin jordan ginger maggie sophie
secret security changeme default admin administrator root toor guest test tester testing user login welcome1
letmein1 password123 password1234 qwerty1234 iloveyou1 abcd1234 abc12345 a123456 123abc q1w2e3r4 q1w2e3r4t5
1q2w3e4r5t 1q2w3e4r5t6y zaq1zaq1 qazwsxedc 1qaz2wsx3edc passpass p@ssword p@ssw0rd pa$$word 12qwaszx asdf1234
asdfasdf qwertyui 147258369 789456123 741852963 963852741 123654 1111111111 0000000000 987654 11223344 aaaaaa
abcdef abcdefg abcdefgh 1a2b3c4d letmeinnow iloveu iloveyou2 lovelove babygirl angel angels princess1 sunshine1
monkey1 dragon1 shadow1 master1 football1 baseball1 superman1 batman1 michael1 charlie1 jordan1 hunter2 killer1
whatever1 freedom1 trustno11 starwars1 pokemon1 naruto1 blink182 metallica nirvana slipknot eminem 50cent
mercedes toyota honda nissan bmw audi volkswagen chevrolet ford jeep harleydavidson kawasaki ducati
""".split()

# Words people stretch with a suffix to pass a length rule (lower case).
WORDS = """
passwort motdepasse contrasena senha parola wachtwoord haslo salasana
qwertz azerty asdfgh zxcvbn asdfghjkl zxcvbnm iloveu trustno
root superuser sysadmin webmaster manager default secret private access login
master monkey dragon shadow sunshine princess football baseball basketball soccer hockey tennis golf
superman batman spiderman ironman starwars pokemon naruto minecraft fortnite roblox
michael jennifer jessica ashley daniel charlie thomas robert matthew joshua andrew jordan hunter tigger
summer winter spring autumn january february march april june july august september october
november december monday friday sunday christmas easter halloween
computer internet google facebook microsoft apple samsung iphone android windows linux
company business sales marketing office hello freedom whatever nothing everything customer
love lover lovely baby babygirl angel flower cookie cheese chocolate coffee banana orange pepper
london paris berlin madrid newyork chicago america england germany france canada australia
killer hacker ninja matrix phoenix tiger eagle falcon
""".split()

# The words stretched most often, and the ones an attacker tries first against this app: every form, every year.
STRONG_WORDS = """
password qwerty qwertyuiop iloveyou welcome letmein admin administrator changeme secret login master
monkey dragon sunshine princess football baseball superman starwars michael jordan summer winter
leadsync zoho zohocrm crm leads sales company
""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789", "0", "01", "007", "69",
            "!", "!!", "1!", "12!", "123!", "1234!", "@1", "@123", "@1234", "#1", "#123", "1$", "123*", ".", "321", "4321",
            "111", "1111", "000", "0000"]

YEARS = [str(year) for year in range(1970, 2031)] + [f"{year}!" for year in range(2010, 2031)] + [f"@{year}" for year in range(2018, 2031)]

LEET = str.maketrans({"a": "@", "o": "0", "e": "3", "i": "1", "s": "$"})

SEQUENCES = """
qwertyuiopasdfghjkl qwertyuiopasdfghjklzxcvbnm asdfghjklzxcvbnm qwertyuiop[] qwertyuiop123 1qaz2wsx3edc4rfv
1qaz2wsx3edc4rfv5tgb zaq12wsxcde3 zaq12wsxcde34rfv zaq1xsw2cde3 zaq1xsw2cde3vfr4 !qaz@wsx#edc !qaz2wsx3edc
qazwsxedcrfv qazwsxedcrfvtgb qazwsxedcrfvtgbyhn q1w2e3r4t5y6 q1w2e3r4t5y6u7 q1w2e3r4t5y6u7i8 1q2w3e4r5t6y7u
1q2w3e4r5t6y7u8i 1q2w3e4r5t6y7u8i9o0p 123qweasdzxc 123qweasd 1234qwerasdf 1234qwerasdfzxcv qweasdzxc123
qwerty123456 123456qwerty qwertyqwerty asdfasdfasdf asdf1234asdf 1234asdf1234 zxcvbnm12345 zxcvbnm123456
abc123abc123 abcd1234abcd abcdefghijkl abcdefghijklm abcdefghijklmn abcdefghijklmnop abcdefghijklmnopqrstuvwxyz
a1b2c3d4e5f6 a1b2c3d4e5f6g7 1a2b3c4d5e6f aaaaaaaaaaaa 111111111111 000000000000 123123123123 121212121212
112233445566 11223344556677 123321123321 123454321 12344321 1234554321 qwertyuiop1234 iloveyouiloveyou
passwordpassword password12345678 passwordqwerty qwertypassword letmeinletmein welcomewelcome adminadmin123
adminadminadmin administrator1 administrator123 administrator1234 changemechangeme changeme1234 changeme123456
""".split()


def digit_runs():
    """Ascending and descending digit runs of 6 to 20 characters, wrapping 9 → 0."""
    digits = "0123456789" * 3
    for start in range(10):
        for length in range(6, 21):
            run = digits[start:start + length]
            yield run
            yield run[::-1]


def main():
    entries = set(word.lower() for word in TOP + SEQUENCES)
    entries.update(digit_runs())
    for word in WORDS:
        for suffix in SUFFIXES:
            entries.add(word + suffix)
    for word in STRONG_WORDS:
        forms = {word, word.translate(LEET), word.replace("a", "@").replace("o", "0"), word.replace("s", "$"), word + word}
        for form in forms:
            for suffix in SUFFIXES + YEARS:
                entries.add(form + suffix)

    # Shorter entries are refused by the length rule anyway; keep what the list can still catch, with a margin below 12
    # (Password1! is 10) in case the minimum is ever lowered.
    entries = {entry for entry in entries if len(entry) >= 10 or entry in TOP}
    lines = sorted(entry for entry in entries if 4 <= len(entry) <= 128 and entry.isprintable() and " " not in entry)
    header = [
        "# Common passwords refused by AdminPasswordValidator (compared case-insensitively, whole password).",
        "# Generated by scripts/common-passwords.py from widely published top-password lists, keyboard walks,",
        "# sequences and word + suffix patterns; edit the script, not this file.",
    ]
    target = Path(__file__).resolve().parent.parent / "LeadSync.Web" / "Security" / "common-passwords.txt"
    target.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} entries → {target}")


if __name__ == "__main__":
    main()
