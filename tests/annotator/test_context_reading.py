"""Matching that reads context: each case is one reported in the context-matching issue, on the bundled KB.

Silent where nothing is a treatment, found where a generic name is plainly taken as one, and the verdict for the use
the text is about."""
import pytest

from caveat.annotator import Page, annotate, annotate_blocks, annotate_text


def found(text, kb, page=Page()):
    return [(h.exact, h.treatment, h.level) for h in annotate_text(text, kb, page).highlights]


@pytest.mark.parametrize("text, exact, treatment", [
    ("He tried ketamine for depression.", "ketamine", "ketamine"),
    ("She had mesenchymal stem cells injected into her knee.", "mesenchymal stem cells", "mesenchymal-stem-cells"),
    ("Clinics sell MSCs for knee pain.", "MSCs", "mesenchymal-stem-cells"),
    ("He tried cryotherapy at -110C.", "cryotherapy", "whole-body-cryotherapy"),
    ("The clinic injected stem cells into his spine.", "stem cells", "stem-cell-therapy"),
    ("She paid for exosomes injected into her scalp for hair loss.", "exosomes", "exosomes"),
    ("He was prescribed growth hormone injections at an anti-ageing clinic.", "growth hormone injections",
     "human-growth-hormone"),
    ("Her doctor prescribed testosterone for low libido.", "testosterone", "testosterone-therapy"),
    ("She takes vitamin D every winter.", "vitamin D", "vitamin-d-supplements"),
    ("The spa offers IV therapy for hangovers.", "IV therapy", "iv-vitamin-drips"),
    ("She takes colostrum every morning for her gut health.", "colostrum", "bovine-colostrum"),
    ("She did a detox to clear toxins from her liver.", "detox", "detox-cleanse"),
    ("As I mentioned in my progress post, I’m on TRT due to low testosterone.", "TRT", "testosterone-therapy"),
    ("The bus offers hydration therapy for hangovers.", "hydration therapy", "iv-vitamin-drips"),
    ("I have become very hypothyroid after all the years on lithium.", "lithium", "lithium"),
    ("I have taken lithium for over 10 years.", "lithium", "lithium"),
    ("Make sure you are making an informed decision when deciding to go on lithium.", "lithium", "lithium"),
    ("I tried an RFA with no relief for my back pain.", "RFA", "radiofrequency-denervation"),
    ("The clinic's “Botox” turned out to be a fake bought online.", "Botox", "botulinum-toxin"),
    ("Swissmedic has approved Coartem Baby, an anti-malaria drug for infants.", "Coartem Baby", "artemisinin"),
    ("I only have experience with testosterone cypionate, and that's what I recommend.", "testosterone cypionate",
     "testosterone-therapy"),
    ("The clinic added a glutathione push to every drip.", "glutathione push", "glutathione"),
    ("Enanthate has much the same absorption as T-cyp, from what I've read.", "T-cyp", "testosterone-therapy"),
    ("Scandinavian winter swimming is said to lift the mood.", "winter swimming", "cold-water-immersion"),
    ("Beyonce lost weight on the Master Cleanse.", "Master Cleanse", "detox-cleanse"),
    ("She chose bio-identical hormone replacement therapy.", "bio-identical hormone replacement therapy",
     "bioidentical-hormones"),
    ("Fans of the paste call it nature's scalpel and put it on skin cancers.", "nature's scalpel", "black-salve"),
    ("The gym offers pulsed electromagnetic therapy for pain.", "pulsed electromagnetic therapy", "pemf-therapy"),
    ("His GP prescribed fluvastatin for his cholesterol.", "fluvastatin", "statins"),
    ("She was prescribed vortioxetine for depression.", "vortioxetine", "antidepressants"),
    ("Creatine supplementation showed small effects on memory in a meta-analysis.", "Creatine", "creatine"),
    ("She took sodium bicarbonate for her kidney disease while he ran the power plant.", "sodium bicarbonate",
     "sodium-bicarbonate"),
    ("He took B17 tablets from apricot pits to treat his cancer.", "B17", "laetrile"),
    ("Products called chelators that are sold over the counter as treatments for autism are dangerous.",
     "chelators", "chelation-therapy"),
    ("Her GP prescribed Seroxat for her depression.", "Seroxat", "antidepressants"),
    ("She takes berberine capsules to lower her blood sugar.", "berberine", "berberine"),
    # everyday words are no material or animal patient: "crop", "power plants", "orchard", "sows"
    ("A new crop of clinics is now prescribing ivermectin.", "ivermectin", "ivermectin"),
    ("NAD+ IV drips claim to recharge the power plants of your cells.", "NAD+ IV drips", "nad-iv-therapy"),
    ("My father, who ran the orchard, was prescribed metformin for his diabetes.", "metformin", "metformin"),
    ("Misinformation about ivermectin sows confusion among patients.", "ivermectin", "ivermectin"),
    # a form cue of the entry's own counts beside a nutrition phrase; a drug's blood level is still the drug
    ("Magnesium before bed is essential for healthy sleep.", "Magnesium", "magnesium-supplements"),
    ("Lithium blood levels must be checked regularly because the drug is toxic at high doses.", "Lithium", "lithium"),
    ("I take echinacia for my colds.", "echinacia", "echinacea"),   # the entry's own name is no brand
    ("Curcumin may ease knee arthritis pain, a 2022 review of 15 trials found.", "Curcumin", "turmeric-curcumin"),
    ("Pero, ¿estos sueritos de vitaminas realmente sirven para la resaca, según los médicos?", "sueritos",
     "iv-vitamin-drips"),
    # Spanish and Portuguese animal words must not fold into English or Spanish words ("aves" is "Ave", "cães" "cae")
    ("The clinic on 5th Ave sells stem cell injections for knee pain.", "stem cell injections", "stem-cell-therapy"),
    ("My GP put me on anti-depressants for a few months.", "anti-depressants", "antidepressants"),
    ("Doctor has recommended fusion at L5-S1 because of severe disc degeneration.", "fusion", "spinal-fusion"),
    ("For me, I had a cervical ESI and it backfired, flaring up the pain in my neck.", "ESI", "corticosteroid-injection"),
    ("El magnesio es un suplemento que muchos toman para dormir mejor y evitar los calambres.", "magnesio",
     "magnesium-supplements"),
    ("Desde 2019 que a utilização da canábis para fins medicinais é permitida em Portugal.",
     "canábis para fins medicinais", "medical-cannabis"),
    ("Berberine, a compound native to several plants, is the internet's new favourite for weight loss.", "Berberine",
     "berberine"),
    ("She eats a salmon fillet twice a week and takes vitamin D tablets in winter.", "vitamin D tablets",
     "vitamin-d-supplements"),
    ("Today, turmeric is promoted as a dietary supplement for arthritis and digestive disorders.", "turmeric",
     "turmeric-curcumin"),
    ("El colágeno es un suplemento que apoya mucho a uñas, pelos, articulaciones y piel, según la doctora.",
     "colágeno", "collagen-supplements"),
    ("A gripe e o resfriado são causados por vírus e não podem ser curados com antibióticos, usados para tratar "
     "infecções bacterianas.", "antibióticos", "antibiotics"),
    ("Don't use homeopathic teething tablets for your baby.", "homeopathic teething tablets", "homeopathy"),
    ("Doctors offer the maternal RSV vaccine during weeks 32 through 36 of pregnancy.",
     "maternal RSV vaccine", "vaccines"),
    ("Só para deixar claro: ivermectina é inútil contra covid-19, e os médicos que a receitam não seguem a ciência.",
     "ivermectina", "ivermectin"),   # Portuguese, spelled as in Spanish
    ("NHS England's medical director warned the public about party drips sold as hangover cures.", "party drips",
     "iv-vitamin-drips"),
    ("Los remedios homeopáticos no funcionan mejor que el placebo, según los médicos de la sociedad española.",
     "remedios homeopáticos", "homeopathy"),
    ("Many liquid forms of creatine may be ineffective, suggest tests of the products.", "creatine", "creatine"),
    ("Sellers tell parents to give sodium chlorite mixed with acid to treat autism.", "sodium chlorite",
     "chlorine-dioxide"),
])
def test_generic_names_taken_as_treatments_are_found(text, exact, treatment, kb):
    assert [(e, t) for e, t, _ in found(text, kb)] == [(exact, treatment)]


@pytest.mark.parametrize("text, exact, level", [
    # the third review: bare "never smoked" and "staining" took these
    ("Nicotine gum helped my mother quit smoking, and she never smoked again.", "Nicotine gum", "established"),
    ("Colloidal silver can cause argyria, a permanent blue-grey staining of the skin.", "Colloidal silver", "warning"),
    # the second review: arts and business cues silenced these
    ("The hardcore band's vocalist now sells black salve and MMS to cure cancer.", "black salve", "danger"),
    ("A rock band frontman is selling colloidal silver drops on his merch table.", "colloidal silver", "warning"),
])
def test_the_reviews_keep_these_cards(text, exact, level, kb):
    assert (exact, level) in {(e, lv) for e, _, lv in found(text, kb)}


def test_a_cupping_therapy_seminar_is_cupping(kb):
    """The second review: "cupping seminar" as cupping's not_when silenced a hijama seminar's claims."""
    text = "Join our Hijama cupping seminar this weekend: Cupping has stimulating and strengthening effects."
    assert {t for _, t, _ in found(text, kb)} == {"cupping"}


def test_herbal_chamomile_is_not_homeopathy(kb):
    """The second review: "Chamomilla" as homeopathy's name lit herbal chamomile tea."""
    assert not [t for _, t, _ in found("Chamomilla recutita tea is a gentle remedy for colic.", kb) if t == "homeopathy"]


@pytest.mark.parametrize("text", [
    "Traffic in the Sydney CBD was heavy.",
    # a city's CBD is the business district, whatever treatment words stand around it
    "Patients who underwent invasive procedures at a Sydney CBD cosmetic clinic have been told to get tested.",
    "Your cold plunge will be picked up from our warehouse in Phoenix.",
    "Pulp mills bleach wood pulp with sodium chlorite.",
    "Kerosene lanterns have a flat wick and come in hot-blast and cold-blast variants.",
    "I had my house fumigated with chlorine dioxide gas to kill mold.",
    "Bearded dragons need Vitamin D3 for the absorption of calcium.",
    "For several years our Ginkgos did not get their dose of tree birth control.",
    "I recommend a bleaching cream for dark hair on the upper lip.",
    "Natural melatonin is a highly lipid soluble hormone produced in the pineal gland in the brain.",
    # the entry's own cue ("sleep" for melatonin) does not make biology writing about the treatment
    "Melatonin is the natural hormone your body secretes that helps to maintain your wake-sleep cycle.",
    "Creatine is formed in the body from compounds similar to amino acids, the building blocks of proteins.",
    "Vitamin D is important for healthy bones, teeth and muscles.",
    "She fell in love with that circular hood ornament that pointed our Benzo's way.",   # a Mercedes
    "La melatonina es una sustancia natural, una hormona producida por un área del cerebro llamada glándula pineal.",
    "Turmeric, a plant in the ginger family, is native to Southeast Asia.",
    "El colágeno es una molécula grande y difícil de absorber por el intestino.",
    # kitchen turmeric, labs' RSV antibodies, Portuguese dogs' vaccines, money injected into a firm
    "Take the pan off the heat and stir in the turmeric.",
    "Researchers found that RSV antibody titers wane within months after infection.",
    "Leve seu cachorro para tomar a vacina antirrábica no posto mais próximo.",
    "O governo anunciou uma injeção de capital no banco para evitar a falência.",
    "Ela falou em especial sobre o uso de antibióticos na produção de aves.",
    "Some people don't make enough melatonin to be able to fall asleep on their own.",
    "Deep cryogenic treatment of tool steel raises its hardness, and cryo is cheap for small metal parts.",
    "The lab works on nuclear fusion and plasma physics.",
    "Los contenedores fueron rechazados por contaminación con antibióticos en la miel exportada.",
    # what a chemical or therapy is applied to is a crop, a plant or a material (material_cues)
    "Thermotherapy, chemotherapy and cryotherapy clear viruses from fruit-tree plantlets in tissue culture.",
    "In a DSI system, sodium bicarbonate is injected directly into hot flue gas.",
    "Cholecalciferol rodenticides have been on the market for some time now.",
    # a band, a song or an album named after a drug (arts_cues)
    "Clocking just under 30 minutes, the self-titled debut album from supergroup LSD is over fast.",
    "To buy Sunblock's 2006 album I'll Be Ready, go here.",
    # a Spanish recipe ("receta") is no prescription; fish oil as an aquaculture commodity; raw-milk cheese
    "Esta receta respeta la forma tradicional y logra empanadas jugosas, sin rellenos secos.",
    "La anchoveta fue destinada a la producción de harina y aceite de pescado para la acuicultura.",
    "El Queso Manchego se puede elaborar con leche pasteurizada o con leche cruda.",
    # a garden, the laundry, a candle
    "The direct answer to whether apple cider vinegar can kill weeds is yes, on young weeds.",
    "Borax gets partly converted to hydrogen peroxide, so wash dark laundry in cold water.",
    "Many people love essential oil candles because they only contain soy wax and pure essential oils.",
    # an acronym spelled out before it in quotes; the body's own cells and proteins, described
    "A company should preserve relevant electronically stored information (“ESI”) and hard copy documents.",
    "Stem cells are a unique category of human cells that can develop into a variety of specialized cells.",
    "The researchers noted that collagen is a structural protein that makes up most of the skin's mass.",
    "Sanguinaria canadensis, or bloodroot, is an attractive-looking plant with snowy white flowers.",
    "Bloodroot is a spring wildflower of eastern North America.",
    # a drug made in a school lab, found in rivers, fed to farmed fish
    "Students weigh the crude product of their aspirin synthesis before recrystallization.",
    "Metformin is now the drug found at the highest levels in European surface waters.",
    "Vitamin D3 in the diet improved feed conversion in farmed salmon.",
    "This video covers a part of the B17 story.",
    "Treat fin rot in your goldfish with aquarium antibiotics from the pet store.",
    "Our pet shop sells fish antibiotics for tropical fish.",
    "Treatment of ewes with melatonin implants resulted in advancement of the onset of oestrous activity.",
    # an idiom's cue word means nothing: injections of cash, fuel, sorbent
    "Dry injection of sodium bicarbonate is a low-cost solution for HCl mitigation.",
    "The collagen startup got a cash injection of five million dollars.",
    "The PRP portal was hacked through an SQL injection last week.",   # "injection" is PRP's own cue too
    "Berberis contains the colorants berberine and berbamine along with some soluble tannins.",
    "Why would we even want a drip bar? Kelly wanted a pourover drip coffee bar for weeks.",
    "Kava coin (KAVA) is the local governance coin and shared asset of the Kava protocol.",
    "El Complejo III recibe estos electrones del ubiquinol.",
    "The western one reveals tradition takes precedence over fasting.",
    "He lost on points, relying almost solely on his jab and not taking advantage of the openings.",
    "Streptomycin and the antibiotic oxytetracycline both can keep fire blight in check in apple orchards.",
    "The clinic said all its injections were Doctor-Led Treatments given by qualified staff.",
    "The technique could produce one-shot vaccinations to protect a crop plant against all of its viruses.",
    "A car detailing service will use steam cleaning and ozone therapy to remove the smoke smell.",
    "Why limit yourself to the annual New Year's Day Polar Plunge?",
    "Golfers add cupping to their lead wrist at the top of the backswing.",
    "Winter cherry is an ornamental houseplant.",
    "Sweet Annie, Artemisia annua, is an herb I grow for wreaths.",
    "I bought a cheap LED mask from Amazon to upload custom images to it.",
    "The Chief of Defence Staff (CDS) visited troops.",
    "The class teaches coffee cupping and how to taste a single-origin espresso.",
    "MMR-deficient tumours respond to checkpoint inhibitors.",
    "House prices in the Mumbai Metropolitan Region (MMR) rose again.",
    "The MSC ship docked in Rotterdam with 20,000 containers.",
    "O tanque está sempre cheio e o frentista trabalha sem parar durante o dia inteiro na cidade.",
    "A reunião do CONSEMA aprovou as novas regras para as áreas degradadas do estado.",
    "Stem cells divide to renew the lining of the gut every few days, biologists have found.",
    "Colostrum is the first milk a mother makes after giving birth.",
    "He went through detox at a rehab clinic before rejoining the team.",
    "Hydration therapy is simple: drink more water on hot days.",
    "The market stall sells a medicinal Indian herb by the kilo.",   # "Indian Herb" is a black salve brand
    "Hair Botox is a salon treatment that smooths frizz with proteins and oils.",
    "The lifeboat crew's survival advice for cold water immersion is to float, not swim.",
    "Glutathione, an antioxidant in grape juice, slows the browning of white wine as it ages.",
    # a cue word inside a quoted title of a film or a song says nothing about a treatment taken
    "Valerian himself (the actor, after his jerky turn in 'A Cure for Wellness', deserves sharper scripts) is a "
    "space jock.",
    # the body's own collagen; a peptide named as a class
    "This collagen loss continues as we age.",
    "Insulin, for example, is a peptide.",
    "GLP-1 drugs are, technically, peptide-based medications.",
    # a quoted name the text calls a title, whatever its sentence says of it
    "I was listening to the track “Lithium” over and over again.\n\nI still need a dose of “Lithium” from time to time.",
    # words before a comma are not a taking phrase; a funder's call for proposals
    "Ten years on, stem cells remain one of biology's most exciting fields.",
    "Three years on, HRT is still the most-watched channel in Croatia.",
    "The NIH issued an RFA for clinical trials of new treatments for chronic low back pain.",
    "O SUS passou a oferecer o implante hormonal Implanon, um método contraceptivo de longa duração.",
    "We spent two weeks on MSC Bellissima in the Mediterranean.",
    "Sellers market oregano oil as a natural antibiotic that cures infections.",
    "Morphine are best known for records such as \"Cure for Pain\" and \"Buena\".",
    # a plant's Latin name in a cookbook's history of a spice
    # a cosmetic named after a treatment: a face cream's collagen, a clay "detox" mask, a lip gloss, facial ice globes
    "Does collagen face cream work? Topical collagen sits on the surface of the skin.",
    "Pure Clay Detox Mask is a rinse-off skincare treatment from L'Oréal Paris.",
    "None have made such a permanent home in my purse as the Too Faced Lip Injection Glossy.",
    "The best ice globes and cryotherapy tools are effective at-home facial massage tools.",
    # the body's own level declining
    "The NAD+ decline problem is solvable.",
    "Os rizomas secos da Curcuma longa L. ficaram também conhecidos como açafrão da terra.",
    # a colour, a band, a film, a tea tasting
    "That same day, Miu Miu showed various turmeric-colored pieces in their collection.",
    "I find something a little disturbing about a band named Chemotherapy who have a cartoon on the cover.",
    "The ’90s affectation for naming bands after drugs (Codeine, Morphine, Halcion, etc.) found its proponent.",
    "Iranian writer/director Kaveh Mazaheri makes his feature film debut with aplomb with Botox.",
    "Mark the incision site with a skin pen before the operation.",
    '"Tea cupping" is the phrase used by professionals to taste and evaluate tea.',
    # the third review: "I've been using *" as a taking cue lit household chores and text messages
    "I've been using hydrogen peroxide to clean the grout in my shower.",
    "I started using MMS to send pictures to my grandkids.",
])
def test_false_friends_stay_silent(text, kb):
    assert [(e, t) for e, t, _ in found(text, kb) if t != "cancer-immunotherapy"] == []


@pytest.mark.parametrize("substance, taken", [
    ("Vitamin D is a fat-soluble vitamin that is very important for bone health.",
     "If you rarely go outdoors, take a vitamin D supplement for your bones."),
    ("People get most of their vitamin D from the sun.", "Take a vitamin D supplement for your bones."),
])
def test_a_substance_described_in_a_health_text_is_not_the_treatment(substance, taken, kb):
    """A health text that also takes the treatment still leaves the body's own substance unmarked."""
    highlights = annotate_text(f"{substance}\n\n{taken}", kb).highlights
    assert [h.start > len(substance) for h in highlights] == [True]


@pytest.mark.parametrize("text", [
    # an independent review's cases: a scare-quoted drug on a page that names an album; a plant's Latin name in a
    # claim; a dose in teaspoons; a claim in a firm's headline; sellers' words for the body's own substance
    "The pop star, whose new album drops on Friday, admitted she had been injecting \"Ozempic\" to lose weight.",
    "Annona muricata kills cancer cells, the viral post claims.",
    "Mix 1/4 tsp of borax into a litre of water and drink a glass every morning.",
    "Colloidal Silver Company Told to Stop Claiming Its Product Cures COVID",
    "The COVID shot is not a vaccine, it is experimental gene therapy.",
    "Our collagen powder smooths wrinkles and strengthens joints.",
    "Your body already produces melatonin, so giving it to your child for sleep is harmless.",
    # a second review's: a use declining; a serum beside a drip; a support group named for a claim; a quoted drug
    # taken in a paragraph about a song
    "Since the ban, there has been a decline in kratom use among veterans.",
    "Forget your serum: high-dose vitamin C infusions are the new celebrity beauty secret.",
    "After her diagnosis she joined the Fenbendazole for Cancer Support Group on Facebook.",
    "The singer wrote the song after her breakdown. Doctors had her on \"Lithium\" for bipolar disorder.",
    # a headline capitalises its verbs: no body's name runs from "Department of" over "Health Warns Against"
    "Department of Health Warns Against Ivermectin For COVID-19",
])
def test_a_rule_for_another_sense_does_not_silence_a_treatment_taken_or_claimed(text, kb):
    assert len(found(text, kb)) == 1


def test_a_use_set_apart_after_a_dash_is_the_use(kb):
    # the boy is autistic before "only for" and the parents' hope after "-- but": the sentence is about autism
    text = ("A five-year-old autistic boy died Tuesday after receiving chelation treatment, a controversial therapy "
            "approved only for cases of acute heavy metal poisoning -- but a treatment sought with increasing "
            "frequency by parents who think it will help their autistic children.")
    assert [(h.exact, h.level) for h in annotate_text(text, kb).highlights] == [("chelation", "danger")]


@pytest.mark.parametrize("text, exact, level", [
    # a brand after a copy word across another part of the sentence is the genuine product
    ("Doctors warn against compounded semaglutide and urge patients to stick with Wegovy for weight loss.", "Wegovy",
     "established"),
    ("Antibiotics will not help most sinus infections, which are caused by viruses.", "Antibiotics", "warning"),
])
def test_the_reading_a_second_review_asked_for(text, exact, level, kb):
    assert {h.exact: h.level for h in annotate_text(text, kb).highlights}[exact] == level


def test_a_harm_claimed_beats_a_use_named_only_inside_the_mention(kb):
    (h,) = annotate_text("The whooping cough vaccine causes autism, anti-vaxxers claim.", kb).highlights
    assert h.level == "warning" and "autism" in h.indication


def test_a_treatment_used_to_help_is_taken(kb):
    assert found("Melatonin is used to help regulate the sleep pattern of children.", kb)[0][:2] == (
        "Melatonin", "melatonin")


def test_a_metaphor_is_not_a_treatment(kb):
    assert found("Honestly, that's just morphine for the real condition of the housing market.", kb) == []


def test_drawing_salve_for_a_splinter_is_not_black_salve(kb):
    assert [t for _, t, _ in found("Put some drawing salve on the splinter and cover it overnight.", kb)] == []


def test_the_product_named_beats_the_broad_word(kb):
    text = "Spravato (esketamine) nasal spray was approved for treatment-resistant depression."
    hits = annotate_text(text, kb).highlights
    assert {h.treatment for h in hits} == {"ketamine"}
    assert {h.level for h in hits} == {"established"}


def test_ketamine_infusions_for_depression_at_a_wellness_clinic_are_not_established(kb):
    (h,) = annotate_text("He paid for ketamine infusions for depression at a wellness clinic.", kb).highlights
    assert h.level in ("caution", "warning", "danger") and "depression" in h.indication.lower() \
        or h.indication.startswith("mental health")


def test_not_when_never_vetoes_the_sentence_it_should_catch(kb):
    hits = found("She takes fenbendazole, a horse and dog dewormer, for her cancer.", kb)
    assert hits[0][:2] == ("fenbendazole", "fenbendazole") and {t for _, t, _ in hits} == {"fenbendazole"}
    assert {level for _, _, level in hits} <= {"warning", "danger"}


def test_the_headline_names_the_use(kb):
    body = ("The singer flew to a private clinic in Mexico last spring.\n\n"
            "Friends said he felt better within weeks.\n\n"
            "He paid for what the clinic calls Muse stem cell treatment, at a price his team would not share.")
    page = Page(title="Pop star's back cure: the clinic abroad that fixed his back pain")
    (h,) = [h for h in annotate_text(body, kb, page).highlights if h.treatment == "muse-cells"]
    assert h.indication is not None and h.level == "danger"


def test_a_later_paragraph_takes_the_use_from_the_paragraphs_around(kb):
    text = ("The clinic promises parents that its protocol can reverse autism in a few months.\n\n"
            "Families pay thousands of dollars for monthly IVIG infusions there.")
    (h,) = annotate_text(text, kb).highlights
    assert (h.treatment, h.level) == ("ivig", "warning") and "autism" in h.indication.lower()


def test_a_proven_use_in_another_paragraph_does_not_calm_the_mention(kb):
    text = ("Haematologists say a stem cell transplant is proven for leukaemia.\n\n"
            "The clinic in Cancun sells stem cell treatment to anyone who can pay.")
    levels = [(h.exact, h.level) for h in annotate_text(text, kb).highlights]
    assert levels == [("stem cell transplant", "established"), ("stem cell treatment", "depends")]


def test_no_use_named_and_uses_differ_depends(kb):
    (h,) = annotate_text("Many of his friends now take metformin.", kb).highlights
    assert (h.level, h.indication) == ("depends", None)


@pytest.mark.parametrize("text, use", [
    ("NRT gum is now sold to boost focus in non-smokers.", "long COVID and other uses in people who do not smoke"),
    ("Opioids are prescribed too often for chronic non-cancer pain.", "long-term (chronic) pain such as back pain or arthritis"),
    # the first review: acute non-cancer pain is short-term pain, not long-term
    ("Tramadol is widely used for acute non-cancer pain such as sprains and fractures.",
     "severe short-term pain (after surgery or injury)"),
])
def test_a_word_after_non_names_no_use(text, use, kb):
    """"non-smokers" are not smokers (they are the use in people who do not smoke), and "non-cancer pain" is not
    cancer pain."""
    (h,) = annotate_text(text, kb).highlights
    assert h.indication == use


def test_a_use_named_beside_a_non_word_still_counts(kb):
    (h,) = annotate_text("Non-smokers who use nicotine patches for long covid are taking a risk.", kb).highlights
    assert h.indication == "long COVID and other uses in people who do not smoke"


def test_an_anti_ageing_page_makes_metformin_cautious(kb):
    page = Page(title="The anti-ageing pill billionaires swear by")
    (h,) = annotate_text("Many of his friends now take metformin.", kb, page).highlights
    assert h.level in ("warning", "danger")


def test_blocks_read_their_neighbours_and_the_page(kb):
    blocks = ["The clinic promises parents that its protocol can reverse autism in a few months.",
              "Families pay thousands of dollars for monthly IVIG infusions there."]
    (h,) = annotate_blocks(blocks, kb).highlights
    assert (h.block, h.level) == (1, "warning")
    assert blocks[1][h.start:h.end] == h.exact


def test_html_gives_its_title_and_language(kb):
    html = ("<html lang='pt-BR'><head><title>Tanque cheio</title></head><body><p>O tanque está sempre cheio e o "
            "frentista não para de trabalhar para a empresa da cidade.</p></body></html>")
    assert annotate(html, kb).highlights == ()


@pytest.mark.parametrize("text", [
    "Candidates sit the exam in 605 Computer Base Test, CBT, centres. Each approved CBT centre is paid N600.",
    "Operators of Computer-Based Test (CBT) centres asked for time. The CBT centres were not ready for therapy.",
    "The Marine Stewardship Council (MSC) certified the fishery. MSC injected new money into the programme.",
    "MMR (Mumbai Metropolitan Region) sales rose. Buyers in the MMR took injections of cheap credit.",
    # a minor word whose initial is one of the letters ("and") may still be skipped
    "Knowledge, Attitude and Practice (KAP) surveys help. KAP surveys follow the study protocol, not a therapy.",
])
def test_an_acronym_the_text_spells_out_as_something_else_is_that_thing_everywhere(text, kb):
    assert found(text, kb) == []


def test_an_acronym_spelled_out_as_the_treatment_stays_the_treatment(kb):
    text = "She had cognitive behavioral therapy (CBT) for insomnia. Later, CBT helped her sleep."
    assert [e for e, t, _ in found(text, kb) if t == "cognitive-behavioural-therapy"] == [
        "cognitive behavioral therapy", "CBT", "CBT"]


def test_once_the_text_uses_a_name_in_its_other_sense_bare_mentions_follow(kb):
    coffee = ("Coffee tasting, known as cupping, uses many cups on a long table.\n\n"
              "Really skilled cuppers take part in prestigious cupping competitions.")
    assert found(coffee, kb) == []
    therapy = coffee + "\n\nHe also had cupping for his back pain at a spa."
    assert [(e, t) for e, t, _ in found(therapy, kb)] == [("cupping", "cupping"), ("cupping", "cupping")]


def test_a_brand_name_beside_the_use_the_sentence_is_about_does_not_pick_the_brands_use(kb):
    text = ("Lilly sued firms selling compounded versions of its drug, tirzepatide (Mounjaro), online.")
    (h,) = [h for h in annotate_text(text, kb).highlights if h.exact == "tirzepatide"]
    assert h.level == "danger" and "compounded" in h.indication.lower()


@pytest.mark.parametrize(("text", "brand"), [
    ("Firms sell compounded versions of the GLP-1 drugs tirzepatide (Mounjaro) and semaglutide (Ozempic).", "Mounjaro"),
    ("Saxenda and Ozempic pens were confirmed to be falsified with insulin, the watchdog said.", "Ozempic"),
    ("The clinic gave research-grade weight loss drugs, tirzepatide (Mounjaro), not intended for human consumption.",
     "Mounjaro"),
    ("The clinic gave weight loss drugs, tirzepatide and semaglutide, that were not intended for human consumption.",
     "semaglutide"),
])
def test_a_brand_named_as_a_copy_is_not_the_genuine_products_use(text, brand, kb):
    (h,) = [h for h in annotate_text(text, kb).highlights if h.exact == brand]
    assert h.level == "danger" and "compounded" in h.indication.lower()


def test_a_copy_word_beats_a_longer_proven_use_phrase_for_the_generic_name(kb):
    text = "The spas advertise compounded semaglutide and/or tirzepatide GLP-1 weight loss injections."
    assert {h.exact: h.level for h in annotate_text(text, kb).highlights} == {"semaglutide": "danger",
                                                                               "tirzepatide": "danger"}
    # a brand beside the copy is the genuine product: its name still counts for the use it is sold for
    text = "Compounded tirzepatide, the active ingredient in Mounjaro, is sold for weight loss."
    assert {h.exact: h.level for h in annotate_text(text, kb).highlights} == {"tirzepatide": "danger",
                                                                               "Mounjaro": "established"}


@pytest.mark.parametrize("text", [
    "El tráfico ilegal de Mounjaro y Ozempic, dos fármacos para tratar la obesidad y la diabetes, crece en Andorra.",
    "Three women were treated for botulism after Botox injections from an allegedly unregistered injector.",
    # a copy word near the name, or a denial, beats a genuine word
    "Counterfeit versions of branded Ozempic have been found in UK pharmacies.",
    "The pharmacy was licensed but sold counterfeit Ozempic pens.",
    "Not genuine Ozempic: counterfeit pens are circulating.",
    "Clinics sell non-branded compounded semaglutide for weight loss.",
    # a copy word before a brand, with nothing between to part them, describes the brand, whatever use follows
    "The regulator urged people to avoid buying fake versions of diabetes treatments Ozempic and Mounjaro, for weight "
    "loss.",
])
def test_a_product_sold_illegally_by_the_unregistered_or_as_a_copy_takes_the_copies_use(text, kb):
    assert {level for _, _, level in found(text, kb)} == {"danger"}


def test_a_name_the_text_calls_genuine_is_not_the_copy(kb):
    text = ("While FDA-approved injectable semaglutide is dosed in milligrams and sold only in prefilled pens, "
            "compounded semaglutide can come in varying concentrations.")
    assert [level for _, _, level in found(text, kb)] == ["depends", "danger"]
    # a genuine product obtained without a prescription is still that use
    text = "Health agencies warn against obtaining branded Ozempic without a valid prescription."
    assert [level for _, _, level in found(text, kb)] == ["danger"]


def test_a_brand_named_without_a_copy_word_keeps_its_approved_use(kb):
    text = "Firms sell the GLP-1 drugs tirzepatide (Mounjaro) and semaglutide (Ozempic) for diabetes."
    assert {h.level for h in annotate_text(text, kb).highlights if h.exact in ("Mounjaro", "Ozempic")} == {"established"}


def test_a_short_form_is_the_treatment_the_text_named_before_it(kb):
    text = ("Celltex sells mesenchymal stem cells to American patients.\n\n"
            "The company offers stem cell therapy in Cancun for about $25,000.")
    assert [(e, t) for e, t, _ in found(text, kb)] == [
        ("mesenchymal stem cells", "mesenchymal-stem-cells"), ("stem cell therapy", "mesenchymal-stem-cells")]


def test_hormone_therapy_is_the_hormone_treatment_the_text_named(kb):
    menopause = "Hormone replacement therapy eases hot flashes. Hormone therapy also prevents bone loss after menopause."
    assert [t for e, t, _ in found(menopause, kb) if e == "Hormone therapy"] == ["menopausal-hormone-therapy"]
    cancer = "She takes tamoxifen for breast cancer. The hormone therapy gave her hot flushes."
    assert [t for e, t, _ in found(cancer, kb) if e == "hormone therapy"] == ["cancer-hormone-therapy"]
    assert found("Hormone therapy is a broad term.", kb) == []


def test_a_generic_drip_in_a_text_about_one_drip_is_that_drip(kb):
    text = ("NAD+ IV therapy is the buzzy anti-ageing treatment of the year.\n\n"
            "Two models got the treatment through IV drips on a reality show.")
    assert [t for e, t, _ in found(text, kb) if e == "IV drips"] == ["nad-iv-therapy"]
    assert [t for _, t, _ in found("The spa sells IV drips for hangovers.", kb)] == ["iv-vitamin-drips"]


def test_a_short_form_only_stands_in_a_text_that_names_its_treatment(kb):
    text = "Gerson therapy claims to cure cancer through enemas. Patients take coffee enemas five times a day."
    assert ("enemas", "coffee-enema") in [(e, t) for e, t, _ in found(text, kb)]
    assert found("The nurse gave him an enema before the operation.", kb) == []
    hospital = "Gerson patients take coffee enemas daily. Before a colonoscopy, hospitals give a barium enema."
    assert [e for e, _, _ in found(hospital, kb)] == ["coffee enemas"]
    saunas = "Infrared saunas warm your body with light. You can stay inside the sauna for up to 45 minutes."
    assert [(e, t) for e, t, _ in found(saunas, kb)] == [("Infrared saunas", "infrared-sauna"), ("sauna", "infrared-sauna")]
    assert found("After a swim we sat in the sauna by the lake.", kb) == []
    dutch = ("Psilocybin truffles are legal in the Netherlands. Retreats cannot advertise truffles as a treatment. "
             "Chefs shave black truffles over pasta.")
    assert [e for e, _, _ in found(dutch, kb)] == ["Psilocybin truffles", "truffles"]
    assert found("Chefs shave black truffles over pasta as a treat.", kb) == []


def test_a_calm_short_form_may_stand_where_its_sentence_names_the_use(kb):
    text = "Your healthcare professional should explain that exercise may ease the symptoms of low back pain."
    assert found(text, kb) == [("exercise", "physical-therapy", "established")]
    assert found("Exercise is more fun with friends.", kb) == []
    # a short form whose treatment has risky uses never stands alone, whatever its sentence names
    assert found("Hospitals give plasma transfusions to treat multiple sclerosis relapses.", kb) == []
    assert found("The army exercise for troops in knee-deep mud lasted a week.", kb) == []   # a body part, no use


def test_a_short_form_before_any_full_name_keeps_the_broader_entry(kb):
    text = ("The company offers stem cell therapy in Cancun for about $25,000.\n\n"
            "Celltex sells mesenchymal stem cells to American patients.")
    assert [t for _, t, _ in found(text, kb)] == ["stem-cell-therapy", "mesenchymal-stem-cells"]


@pytest.mark.parametrize("cued, rest", [
    ("The deal for ADT was approved in May.", "Tyco bought ADT in 1997 and spun off ADT in 2012."),
    ("You will need to take calcium readings.", "Calcium is important in concrete pools, so add calcium."),
])
def test_in_a_text_naming_no_treatment_a_cue_word_does_not_make_every_mention_meant(cued, rest, kb):
    # the cued sentence stands on its own context; the text's other mentions do not follow it
    highlights = annotate_text(f"{cued}\n\n{rest}", kb).highlights
    assert highlights and all(h.start < len(cued) for h in highlights)


def test_a_short_form_no_other_entry_claims_belongs_to_the_treatment_named_after_it(kb):
    text = ("The FDA warned about plasma transfusions offered by clinics that claim to treat dementia.\n\n"
            "There is no proven benefit of infusion of plasma from young donors, the agency said.")
    assert [(e, t) for e, t, _ in found(text, kb)] == [
        ("plasma transfusions", "young-plasma"), ("plasma from young donors", "young-plasma")]
    assert found("The FDA warned about plasma transfusions offered by clinics that claim to treat dementia.", kb) == []


def test_an_ambiguous_short_form_needs_its_own_treatment_context(kb):
    text = ("Clinics inject mesenchymal stem cells for knee pain.\n\n"
            "Muse cells are a rare kind of adult stem cells found inside bone marrow.")
    assert "stem cells" not in [e for e, _, _ in found(text, kb)]


def test_a_brand_name_nearby_gives_way_to_the_use_the_paragraph_names(kb):
    text = ("Telehealth firms sell compounded copies of the drug online.\n\n"
            "This is the case for semaglutide, which is sold under the brand names Ozempic and Wegovy.")
    (h,) = [h for h in annotate_text(text, kb).highlights if h.exact == "semaglutide"]
    assert h.level == "danger" and "compounded" in h.indication.lower()


def test_a_brand_name_nearby_still_names_its_use_when_nothing_else_does(kb):
    (h,) = [h for h in annotate_text("Semaglutide is sold as Ozempic.", kb).highlights if h.exact == "Semaglutide"]
    assert h.indication == "type 2 diabetes"


@pytest.mark.parametrize("text", [
    "Many clinics sell NAD+ drips.\n\nNAD+ is a coenzyme found in every cell of the body.",
    "Clinics inject growth hormone for ageing.\n\nHuman growth hormone is released by the pituitary gland in children.",
    "She takes magnesium supplements for sleep.\n\nMagnesium is important for many biological functions.",
    "She takes vitamin D tablets.\n\n"
    "From October to March, everyone will need to rely on dietary sources of vitamin D.",
    "Adults buy colostrum supplements.\n\nColostrum, the first milk produced by mammals after birth, is rich.",
])
def test_a_sentence_describing_the_bodys_own_substance_is_not_the_treatment(text, kb):
    assert len(found(text, kb)) == 1


@pytest.mark.parametrize("text, treatment", [
    ("Human growth hormone, made by the pituitary gland, is injected at anti-ageing clinics.", "human-growth-hormone"),
    ("Secretagogues (CJC-1295): stimulate the pituitary gland to release growth hormone.", "cjc-1295-ipamorelin"),
])
def test_a_substance_sentence_with_a_treatment_cue_or_a_drugs_name_is_still_the_treatment(text, treatment, kb):
    assert [t for _, t, _ in found(text, kb)] == [treatment]


def test_a_sentence_that_sets_the_proven_use_against_another_is_about_the_other(kb):
    text = "Hyperbaric oxygen therapy is proven for decompression sickness but there is no evidence it helps autism."
    (h,) = annotate_text(text, kb).highlights
    assert h.level != "established" and "autism" in h.indication.lower()


@pytest.mark.parametrize("opener", ["Although", "Whereas"])
def test_a_sentence_that_opens_on_although_still_sets_its_uses_apart(opener, kb):
    text = f"{opener} hyperbaric oxygen therapy is approved for decompression sickness, clinics also sell it for autism."
    (h,) = annotate_text(text, kb).highlights
    assert h.level != "established" and "autism" in h.indication.lower()


def test_a_sentence_that_opens_on_a_contrast_sets_itself_against_the_one_before(kb):
    text = ("However, the advice is to take vitamin D supplements to maintain bone and muscle health during the "
            "Covid-19 pandemic.")
    (h,) = annotate_text(text, kb).highlights
    assert h.level == "established" and "bones" in h.indication


@pytest.mark.parametrize("text, level, use", [
    ("The CDC recommends a single dose of RSV vaccine for all adults aged 75 and older.", "established",
     "protecting adults aged 60 and over from RSV"),
    ("Stem cell transplants are used to treat a wide range of conditions, including leukaemia and lymphoma.",
     "established", "blood cancers"),
    ("Stem cell clinics claim their treatment is a cure-all for many conditions.", "danger", "clinic treatments"),
    ("Often used to treat diabetes, metformin is being studied for its potential to delay illness and prolong life.",
     "warning", "anti-ageing"),
    ("False claims that vitamin A can prevent and cure measles have been circulating online.", "danger",
     "preventing measles"),
])
def test_the_longer_use_phrase_beats_the_proven_use_named_in_passing(text, level, use, kb):
    (h,) = annotate_text(text, kb).highlights
    assert (h.level, h.indication.startswith(use)) == (level, True)


def test_a_proven_use_named_beside_another_without_a_contrast_keeps_its_verdict(kb):
    text = "Esketamine (Spravato), related to ketamine, was approved by the FDA for treatment-resistant depression."
    assert {h.level for h in annotate_text(text, kb).highlights if h.exact == "Spravato"} == {"established"}


@pytest.mark.parametrize("text, exact, level", [
    # words for people and everyday idioms are no material or arts cues
    ("The Blink-182 drummer underwent chemotherapy for lymphoma.", "chemotherapy", "established"),
    ("Metformin has a laundry list of side effects, but it remains the first choice for type 2 diabetes.",
     "Metformin", "established"),
    # a label's withdrawal period: the goats are the patients, not a food's source
    ("Fenbendazole dewormer for goats, milk withdrawal 0 days. Fenbendazole cures cancer, posts claim.",
     "Fenbendazole", "danger"),
    # a copy word far off in the sentence is about something else
    ("The FDA approved semaglutide for chronic weight management in 2021 and has warned about counterfeit versions.",
     "semaglutide", "established"),
    # "initially" is the order of treatments, not history set apart
    ("Type 2 diabetes is initially treated with metformin, which some people also take for anti-aging.",
     "metformin", "established"),
])
def test_review_cases_keep_the_card_a_reader_expects(text, exact, level, kb):
    assert [(h.exact, h.level) for h in annotate_text(text, kb).highlights][:1] == [(exact, level)]


def test_a_sentence_in_another_sense_does_not_take_a_sentence_naming_a_use_along(kb):
    text = "Apple cider vinegar kills weeds. Apple cider vinegar helps with weight loss, fans say."
    assert [(h.start, h.level) for h in annotate_text(text, kb).highlights] == [(33, "warning")]
    assert found("Apple cider vinegar kills weeds. Apple cider vinegar is cheap.", kb) == []


def test_a_level_phrase_after_a_closing_bracket_is_not_the_mentions(kb):
    text = "The chance of CBD having a clinically significant interaction with Zoloft (sertraline) is low."
    assert "sertraline" in [h.exact for h in annotate_text(text, kb).highlights]
    assert found("My vitamin D is low, the GP said.", kb) == []


def test_a_chiropractors_adjustment_is_the_treatment_where_the_text_names_the_chiropractor(kb):
    text = "I saw a chiropractor for whiplash.\n\nAfter many adjustments my arm went numb."
    assert [h.exact for h in annotate_text(text, kb).highlights] == ["chiropractor", "adjustments"]
    assert found("After many adjustments to the budget, the plan passed.", kb) == []


def test_a_fast_track_is_no_fast(kb):
    assert found("Ministers offer a 5-day fast-track decision on visas and a three-day fast-track option.", kb) == []


def test_a_star_who_takes_a_treatment_is_still_read_beside_the_album(kb):
    text = "The singer, whose new album is out on Friday, said she took Ozempic to lose weight."
    assert [e for e, _, _ in found(text, kb)] == ["Ozempic"]


def test_a_proven_use_told_as_history_leaves_the_use_to_the_title(kb):
    page = Page(title="Hyperbaric Oxygen Therapy for Autism: A Review")
    text = ("HBOT is a form of treatment in which the patient breathes oxygen under pressure. This method was first "
            "used to treat decompression sickness in deep sea divers.")
    (h,) = annotate_text(text, kb, page).highlights
    assert h.level != "established" and "autism" in h.indication.lower()
    (h,) = annotate_text(text.replace("was first used", "is used"), kb, page).highlights
    assert h.level == "established"


@pytest.mark.parametrize("text", [
    "Advertisements aimed at treating low levels of testosterone have displaced other commercials.",
    "Forty per cent of North Americans have a deficiency in vitamin D.",
    "Only a specialist can ask for a vitamin D test without it costing the patient money.",
    "NAD+ levels naturally decline with age.",
    "Is there a reason to think you lack magnesium?",
    "My testosterone was low.",
    "Injections with GnRH resulted in a major elevation of testosterone in the birds.",
    "Scientists found that the treatment appears to activate the brain's opioid system.",
    "Males of neither population increased testosterone in response to a simulated intrusion, but injections of "
    "GnRH did.",
    "Weight training may boost testosterone, whatever the supplement ads say.",
    "Exercise increases testosterone naturally, and no injections are needed.",
    # the same in Spanish and Portuguese
    "Cerca de 66% dos adultos apresentavam deficiência de vitamina D3.",
    "La deficiencia de vitamina D es frecuente en invierno.",
])
def test_a_name_inside_a_phrase_that_measures_the_bodys_level_is_not_the_treatment(text, kb):
    assert found(text, kb) == []


@pytest.mark.parametrize("text, treatment", [
    ("Doctors increased testosterone therapy use among older men.", "testosterone-therapy"),   # not a bare name
    ("The clinic raised testosterone doses for men with low libido.", "testosterone-therapy"),   # a cue in its clause
    ("Influencers promise to boost NAD+ with injections.", "nad-iv-therapy"),
])
def test_a_verb_that_raises_a_level_leaves_a_treatment_it_takes(text, treatment, kb):
    assert [t for _, t, _ in found(text, kb)] == [treatment]


def test_a_measured_level_beside_a_taken_treatment_leaves_the_treatment(kb):
    text = "She takes vitamin D tablets because her vitamin D levels were low."
    assert [e for e, _, _ in found(text, kb)] == ["vitamin D tablets"]


@pytest.mark.parametrize("text", [
    "Ivermectin Pour-On for Cattle delivers internal and external parasite control in one application.",
    "Provide your calf with the first colostrum within six hours after birth.",
    # a treatment cue does not make it about people; naming people does (below)
    "Ivermectin, commonly used to treat heartworm in domestic dogs and cats, is in short supply.",
    # people named only as whom a product is not for leave the animal patient
    "Ivermectin Pour-On for Cattle is not for human use.",
    "Ivermectin paste for horses is not meant for people.",
])
def test_a_sentence_whose_patient_is_an_animal_is_not_a_treatment(text, kb):
    assert found(text, kb) == []


def test_a_text_about_an_animal_patient_takes_its_other_mentions_along(kb):
    text = ("Ivermectin Pour-On for Cattle delivers parasite control in one application.\n\n"
            "Ivermectin is a member of the macrocyclic lactone class of endectocides.")
    assert found(text, kb) == []
    people = text + "\n\nShe took ivermectin for her COVID after reading about it online."
    assert [e for e, _, _ in found(people, kb)] == ["Ivermectin", "ivermectin"]


@pytest.mark.parametrize("text, treatment", [
    ("She takes fenbendazole, a horse and dog dewormer, for her cancer.", "fenbendazole"),
    ("People have been taking it in the form of horse paste, a de-wormer for horses.", "ivermectin"),
    ("After a herd of cattle came down with H5N1, the FDA warned people to avoid drinking raw milk.", "raw-milk"),
    ("I just got my first vaccine shot, so no more horse paste for me.", "vaccines"),
    ("People have been taking ivermectin paste meant for horses.", "ivermectin"),
    ("People are self-medicating with antibiotics sold for pet fish.", "antibiotics"),
    ("Some shops sell colloidal silver, which can turn the skin blue-grey, and ivermectin tablets meant for animals.",
     "colloidal-silver"),
    ("Some shops sell colloidal silver, which can turn the skin blue-grey, and ivermectin tablets meant for animals.",
     "ivermectin"),
    # an animal word in a figure of speech (the KB's idioms) is no animal patient
    ("Players lined up in a \"cattle call\" to receive cortisone injections before each game.",
     "corticosteroid-injection"),
    ("The naturopath has used people like me as guinea pigs, she told the paper.", "naturopathy"),
])
def test_an_animal_in_a_sentence_about_people_taking_a_treatment_does_not_silence_it(text, treatment, kb):
    assert treatment in [t for _, t, _ in found(text, kb)]


def test_a_page_whose_title_names_an_animal_patient_is_about_the_animal_unless_a_sentence_names_a_claim(kb):
    dogs = Page(title="Heartworm Prevention and Medicine for Dogs")
    assert found("Heartgard Plus is a chewable tablet that combines ivermectin with pyrantel pamoate.", kb, dogs) == []
    assert [e for e, _, _ in found("Some owners took their dog's ivermectin for COVID-19.", kb, dogs)] == ["ivermectin"]
    bears = Page(title="Xylazine-Ketamine Anaesthesia in Bears")   # wildlife is a patient too
    assert found("Give xylazine plus ketamine by intramuscular injection, mixed in one syringe.", kb, bears) == []
    people_too = Page(title="Liquid gold for cows, and now for humans")
    assert [e for e, _, _ in found("Colostrum supplements are sold in shops.", kb, people_too)] == \
        ["Colostrum supplements"]
    for title in ("FDA warns against using ivermectin meant for horses", "Ivermectin in horse paste form: a warning",
                  "Vaccines for herd immunity: how they work"):   # meant for, inside a name, a noun going on
        text = "Patients needed care after self-medicating with ivermectin. The MMR vaccine protects children."
        assert len(found(text, kb, Page(title=title))) == 2, title


def test_a_title_for_my_horse_is_about_the_animal_and_its_joint_claims_are_the_horses(kb):
    horse = Page(title="What Joint Supplement is good for my Horse?")
    text = "Owners give glucosamine capsules every day."
    assert found(text, kb, horse) == [] and found(text, kb) != []
    assert found("Good joint health matters for horses.\n\n" + text, kb, horse) == []
    supplements = ("Joint supplements are sought after for horses. "
                   "Glucosamine capsules dominate the joint supplement market.")
    assert found(supplements, kb, horse) == []   # the joint claim sits in a paragraph about horses
    dogs = Page(title="Heartworm Prevention and Medicine for Dogs")   # a claim made to people, in its own paragraph
    people = ("Some people take ivermectin for COVID-19.\n\n"
              "Heartgard Plus is a chewable tablet that combines ivermectin with pyrantel.")
    assert len(found(people, kb, dogs)) == 2


def test_a_label_for_animals_only_is_about_the_animal_unless_the_text_names_a_claim(kb):
    label = ("Goats - 5 mg/kg body weight for the treatment and control of stomach worms.\n\n"
             "Fenbendazole (active ingred.) made in China.\n\nWARNINGS: NOT FOR USE IN HUMANS.")
    assert found(label, kb) == []
    claim = "The tubes say not for human use, yet people take fenbendazole for cancer."
    assert [e for e, _, _ in found(claim, kb)] == ["fenbendazole"]
    assert [e for e, _, _ in found(label.replace("NOT FOR USE IN HUMANS", "Keep out of reach of children"), kb)] == \
        ["Fenbendazole"]


def test_a_text_that_names_an_animal_patient_and_never_a_person_is_about_the_animal(kb):
    fish = ("Salmon farms feed their fish well, and the fish grow fast.\n\n"
            "Vitamin D supplements improved their growth.")
    assert found(fish, kb) == []
    people = fish + "\n\nConsumers want healthier food."   # a person named: each sentence is read on its own again
    assert [e for e, _, _ in found(people, kb)] == ["Vitamin D supplements"]
    # animals as research subjects are no patients: the text is about people taking it
    research = ("BPC-157 is not approved for any medical use. All information is based on animal studies.\n\n"
                "BPC-157 promotes the formation of new blood vessels.")
    assert [e for e, _, _ in found(research, kb)] == ["BPC-157", "BPC-157"]


@pytest.mark.parametrize("text", [
    # a crop, in a text that names no person
    "Farmers turned to kratom when rubber prices dropped.\n\nThe regency has 11,225 hectares of kratom plantations.\n\n"
    "The town is the main source of kratom for the international market.",
    # a lab's product, named twice with its chemistry, and no one who takes it
    "Synthesis of paracetamol.\n\nParacetamol has the molecular formula C8H9NO2, and the reaction mixture is "
    "cooled in ice before the crude product is filtered.",
    # animals and people in other languages: French horses, a Spanish pig farm
    "Quand elle entre dans un box, le cheval va passer un excellent moment. Elle est maître reiki. Les chevaux "
    "vont prendre cette énergie.",
    "La probabilidad de SARM es superior en las granjas que utilizan antibióticos rutinariamente.",
])
def test_a_crop_or_an_animal_in_another_language_is_not_a_person_treated(text, kb):
    assert found(text, kb) == []


@pytest.mark.parametrize("text, shown", [
    ("Current data is insufficient to conclude that CBD is effective in alleviating anxiety in dogs.", False),
    ("More research is needed to determine how CBD gives dogs' anxiety relief.", False),
    ("She takes fenbendazole, a horse and dog dewormer, for her cancer.", True),
])
def test_a_claim_tied_to_the_animal_is_the_animals(text, shown, kb):
    assert bool(found(text, kb)) is shown


def test_in_a_text_about_animals_alone_their_claims_are_theirs(kb):
    text = ("Glucosamine and chondroitin are two of the most common ingredients in equine joint products.\n\n"
            "Glucosamine and chondroitin are said to improve joint health in horses.\n\n"
            "Both are natural compounds that may ease joint pain and protect cartilage.")
    assert found(text, kb) == []
    # a person anywhere, and the claims may be made to people again
    assert found(text + "\n\nMany people take them too.", kb) != []


def test_an_animal_named_as_the_source_of_a_food_is_no_patient(kb):
    text = "There was the DIY coffee enemas, and who could forget the eight-day goat milk cleanse."
    assert [e for e, _, _ in found(text, kb)] == ["coffee enemas"]
    assert found(text.replace("goat milk cleanse", "cleanse for her goat"), kb) == []


def test_an_animal_named_as_what_a_product_is_only_for_is_no_patient(kb):
    text = ("Los medios dijeron que la ivermectina era solo para caballos y vacas.\n\n"
            "Las publicaciones prometen que cura el cáncer.")
    assert [e for e, _, _ in found(text, kb)] == ["ivermectina"]
    assert found(text.replace("era solo para caballos", "se da a los caballos"), kb) == []


def test_a_sentence_naming_people_beside_an_animal_is_not_about_an_animal_patient(kb):
    text = ("Clinics sell exosome injections for hair loss.\n\n"
            "Exosomes carry growth factors from the human or animal they were taken from.")
    assert [e for e, _, _ in found(text, kb)] == ["exosome injections", "Exosomes"]


def test_under_a_title_that_names_the_other_sense_a_mention_needs_a_use_or_a_cue(kb):
    """"How to make cleaning spray": the essential oils are for the smell, unless a sentence says otherwise."""
    text = ("You can use this spray unscented or add some essential oils for a natural fragrance.\n\n"
            "Some sellers claim essential oils cure cancer.")
    shown = [h.start > 90 for h in annotate_text(text, kb, Page(title="How to make cleaning spray")).highlights]
    assert shown == [True]
    assert len(annotate_text(text, kb).highlights) == 2


def test_a_title_that_names_the_treatment_and_its_use_sets_the_sense_for_the_whole_text(kb):
    """An ambiguous name with nothing around it counts where the page's title names it and one of its uses."""
    page = Page(title="New Topical Borax and DMSO Method for Arthritis")
    text = "Thought I would share my new borax method with the community.\n\nShake until the borax is dissolved."
    assert [h.exact for h in annotate_text(text, kb, page).highlights] == ["borax", "borax"]
    assert annotate_text(text, kb, Page(title="New Topical Borax and DMSO Method")).highlights == ()


def test_a_proven_use_set_apart_in_another_sentence_does_not_make_the_paragraph_calm(kb):
    page = Page(title="Stem cells for knees: promising treatment or hoax?")
    text = ("Many doctors view the growth of stem cell treatments as very promising. The only stem cell product "
            "approved by the FDA is for umbilical cord blood stem cells for blood cancers.")
    (h, *_) = annotate_text(text, kb, page).highlights
    assert h.exact == "stem cell treatments" and h.level == "danger"


@pytest.mark.parametrize("text", [
    "The about-face by the Chiropractic Board of Australia follows revelations in this masthead.",
    "said the head of the Dept. of Medical Acupuncture at the hospital.",
    "said the director of the International Fishmeal and Fish Oil Producers' Organization.",
    "The American Society for Ketamine Physicians, representing about 140 clinics, disagreed.",
    "ADT's board approved the transaction, which is expected to be completed by June.",   # a firm's, in the possessive
    "ADT's largest shareholder sold its stake.",
    "ADT's CEO said customers would see no change.",
    # Spanish and Portuguese bodies, with an adjective before "de"
    "La Defensoría se sumó a la Mesa Nacional de Vacunación contra el virus del papiloma humano.",
    "A Sociedade Brasileira de Acupuntura publicou uma nota nesta semana.",
    "Medicina Física e Reabilitação - Setor de Fisioterapia - Barreiro",
])
def test_a_treatment_name_inside_the_name_of_a_body_names_the_body(text, kb):
    assert found(text, kb) == []


@pytest.mark.parametrize("text", [
    "The company, which runs the Seattle Stem Cell Center in lower Queen Anne, charged 107 people a total of $748,250.",
    "The case related to misleading advertisements by Patanjali Ayurved Ltd was heard on Tuesday.",
    "Since late 2016, Alchemy Cryotherapy Centre has been offering the chilly experience to those game enough.",
    "Products were made by several companies, including Hindustan Antibiotics Limited (HAL).",
])
def test_a_treatment_name_inside_a_business_name_names_the_business(text, kb):
    assert found(text, kb) == []


@pytest.mark.parametrize("text, exact", [
    ("The Miami Stem Cell Center says its injections can cure knee arthritis without surgery.", "Stem Cell"),
    ("Free Flu Vaccine Clinic opens on Saturday at the library.", "Vaccine"),
    ("The Fenbendazole Clinic claims to cure cancer in weeks.", "Fenbendazole"),
    ("The Ozone Therapy Center in Tijuana treats cancer patients.", "Ozone Therapy"),
    # the session's review: people who had the treatment there, and headlines in title case
    ("A 62-year-old man died after receiving an infusion at the Chelation Therapy Center of Arizona.",
     "Chelation Therapy"),
    ("Her father flew to the Clinic for Stem Cell Therapy in Panama City and received four infusions.",
     "Stem Cell Therapy"),
    ("Una adulta mayor murió mientras se realizaba una sesión en la Clínica de Ozonoterapia del doctor Pérez.",
     "Ozonoterapia"),
    ("Ozone Therapy Clinic Owner Charged After Patient Dies", "Ozone Therapy"),
])
def test_a_business_named_after_a_treatment_keeps_the_card_where_it_sells_it_for_a_use(text, exact, kb):
    """A clinic is named after what it sells: where the sentence names a use or claim, or a dangerous treatment's
    cue, the name is the treatment as sold there (session 35's first review)."""
    assert exact in [e for e, _, _ in found(text, kb)]


def test_an_office_named_for_a_treatment_and_a_record_of_it_are_not_the_treatment(kb):
    text = ("Dr Lucy Jessop, Director of the HSE National Immunisation Office, welcomed the uptake of the HPV vaccine. "
            "Parents should check their immunization records before the measles season.")
    assert [e for e, _, _ in found(text, kb)] == ["HPV vaccine"]


@pytest.mark.parametrize("text, exact", [
    ("The British Acupuncture Council says acupuncture is offered for chronic pain.", "acupuncture"),
    ("Men with prostate cancer often feel ADT's side effects within weeks of the first injection.", "ADT"),
])
def test_a_body_named_beside_the_treatment_leaves_the_treatment(text, exact, kb):
    assert [e for e, _, _ in found(text, kb)] == [exact]


def test_an_acronym_written_out_as_a_capitalised_name_anywhere_in_the_text_is_that_name(kb):
    text = ("Southbound Lower Lake Shore Drive Closure.\n\n"
            "Southbound traffic on Lower LSD will be closed at 8:00 PM, and the ramp to Upper LSD too.")
    assert found(text, kb) == []
    assert found("Lower LSD will be closed at 8:00 PM.\n\nShe took LSD at a retreat for her depression.", kb)


def test_resistance_to_a_drug_is_not_the_drug(kb):
    assert found("He described antibiotic resistance as a silent pandemic.", kb) == []


def test_a_use_named_in_a_sentence_about_an_animal_is_the_animals_outside_a_health_text(kb):
    text = ("Failure to provide the calf with colostrum will make her susceptible to diseases.\n\n"
            "Since colostrum consists of antibodies that transmit immunity to the body of the young calf, it is a "
            "source of passive immunity.\n\nTrue colostrum is produced during the first two and a half days.")
    assert found(text, kb) == []
    people = "She takes colostrum every morning for her gut health.\n\n" + text
    assert people.index("colostrum") in [h.start for h in annotate_text(people, kb).highlights]


@pytest.mark.parametrize("text", [
    "approves testosterone replacement for men with hypogonadism.[32] However, critics say low T ads overreach.",
    "testosterone replacement is approved for men with hypogonadism.1 However, critics say low T ads overreach.",
])
def test_a_citation_mark_after_a_full_stop_ends_the_sentence(text, kb):
    (h,) = annotate_text(text, kb).highlights
    assert h.level == "established" and "hypogonadism" in h.indication


def test_a_compound_described_by_what_it_does_to_insects_is_biology(kb):
    text = ("Although it causes hallucinations in humans, psilocybin could be tricking insects into losing their "
            "appetite.\n\nThe way psilocybin goes to work on the brain of a fly could explain why several species of "
            "mushroom evolved to contain it.")
    assert found(text, kb) == []


@pytest.mark.parametrize("text", [
    "La equinácea prefiere un suelo moderadamente húmedo y hay que plantarla a pleno sol.\n\n"
    "Puedes plantar las semillas de la equinácea en parterres entre abril y mayo.",
    "E da Ginkgo biloba, a árvore que pauta o outono em Lisboa.\n\nA Ginkgo é uma árvore tão antiga.",
    "Ingredientes: 200 g de jalapeños, ½ taza de vinagre de manzana y 300 g de azúcar.",
])
def test_a_garden_plant_a_street_tree_and_a_recipe_in_spanish_and_portuguese_are_no_treatment(text, kb):
    assert found(text, kb) == []


def test_a_pet_page_that_names_owners_is_still_about_the_pets(kb):
    text = ("Puppies need a course of injections at eight and twelve weeks. Puppies stay indoors until a week "
            "after the second one.\n\nOlder dogs need a yearly booster; indoor dogs and outdoor dogs alike.\n\n"
            "Each vaccine booster strengthens the immune response.\n\nOwners should keep a record of each booster.")
    assert found(text, kb) == []
    people = text + "\n\nPeople, adults and children, should get their flu vaccine every autumn, and so should owners."
    assert any(h.start > len(text) for h in annotate_text(people, kb).highlights)


@pytest.mark.parametrize("text", [
    "Ingredients: 4 cups apple cider vinegar (minimum 5% acidity), 2 cups brown sugar, 1 tablespoon mustard seed.",
    "For the marinade: 1/4 cup apple cider vinegar, 2 tablespoons soy sauce, 1 teaspoon grated ginger.",
])
def test_a_recipes_measure_makes_the_name_an_ingredient(text, kb):
    assert found(text, kb) == []
    assert found("Drink 2 cups apple cider vinegar daily for weight loss, fans say.", kb)


def test_a_spice_in_a_curry_is_no_black_seed_oil(kb):
    text = ("Kalonji is the seed of Nigella sativa, a small flowering plant.\n\n"
            "He heated some ghee and tossed in a teaspoon of these same black seeds for the potato curry.")
    assert found(text, kb) == []
    assert [t for _, t, _ in found("She takes black seed oil capsules for her asthma.", kb)] == ["black-seed-oil"]


def test_a_medicine_seized_as_contraband_is_a_shipment_but_a_product_with_no_proven_use_stays_a_warning(kb):
    assert found("Customs intercepted 5.6 million Tramadol tablets being smuggled under the guise of export.", kb) == []
    assert [t for _, t, _ in found("Health Canada seized bottles of Miracle Mineral Solution from a store.", kb)] == [
        "chlorine-dioxide"]
    assert [level for _, _, level in found("Border officers seized 800 fake Ozempic pens.", kb)] == ["danger"]


_BUST = ("Police raided a home in Burlington and found a psilocybin mushroom growing operation. Detectives "
         "estimated the street value of the magic mushrooms at $8.5 million, police said.\n\nThe man was arrested "
         "and charged. Psilocybin can cause nausea and hallucinations, according to the DEA.")


def test_a_drug_bust_page_names_the_goods_not_a_treatment(kb):
    assert found(_BUST, kb) == []
    # the same page once it names a use of the drug: the mushrooms were sold as a treatment
    sold = _BUST + " He told buyers the mushrooms would cure their depression."
    assert "psilocybin" in {t for _, t, _ in found(sold, kb)}
    # a sentence that says someone is treated or cured keeps its names, whatever page it is on
    arrested = ("Kerala police arrested the naturopath for claiming that COVID-19 can be cured. Police said the "
                "arrested man was detained after a raid on his centre, and police seized his records.")
    assert "naturopathy" in {t for _, t, _ in found(arrested, kb)}
    # a regulator seizing products sold to people names no police or customs: a health text
    regulator = ("Health Canada seized bottles of Miracle Mineral Solution from a store. More bottles were seized "
                 "and confiscated at a market, and Health Canada seized the stock of a website.")
    assert "chlorine-dioxide" in {t for _, t, _ in found(regulator, kb)}


@pytest.mark.parametrize("text", [
    # Spanish and Portuguese police, a harm that is no use, a band and its single, fish farms
    "La Policía Nacional ha detenido a dos hombres en la frontera. Los agentes antidrogas hallaron 435 gramos de "
    "ketamina en el coche. La ketamina puede provocar ataques de ansiedad y paranoia, advirtió la policía.",
    "O power trio carioca Psilocibina lançou o single LSD, com guitarra e baixo pesados.",
    "Según Sernapesca, el consumo de antibióticos en la salmonicultura bajó en 2018; los peces de mar recibieron "
    "Florfenicol.",
])
def test_iberian_busts_bands_and_fish_farms_name_no_treatment(text, kb):
    assert found(text, kb) == []


@pytest.mark.parametrize("text, treatment", [
    ("This myth is the basis of the alkaline diet, which avoids foods such as meat, fish, dairy and sugar.",
     "alkaline-water-and-diet"),
    ("Gerson's treatment asks patients to drink juices of raw fruits, vegetables and calf liver, and to have coffee "
     "enemas. Proponents of the Gerson treatment say cells depend on oxygen.", "gerson-therapy"),
])
def test_an_animal_named_as_food_is_no_patient(text, treatment, kb):
    assert treatment in {t for _, t, _ in found(text, kb)}


def test_a_capitalised_brand_mid_sentence_is_no_typo_of_a_short_common_name(kb):
    assert found("DRAP found that seven batches of Torax and Zond Syrup contained ethylene glycol.", kb) == []
    # at a sentence's start the capital says nothing, and a long name misspelt is still the drug
    assert {t for _, t, _ in found("Setraline helped my depression a lot, my GP said.", kb)} == {"antidepressants"}


@pytest.mark.parametrize("text, treatment", [
    ("Before you try melatonin you really need to cut the screens.", "melatonin"),
    ("I want to try HRT but my GP says no.", "menopausal-hormone-therapy"),
    ("Celebrities swear by magnesium.", "magnesium-supplements"),
])
def test_trying_a_treatment_or_swearing_by_it_is_taking_it(text, treatment, kb):
    assert treatment in {t for _, t, _ in found(text, kb)}
    assert found("Try our new cake made with baking soda.", kb) == []


def test_a_long_article_that_mentions_the_police_is_no_drug_bust(kb):
    police = "Police arrested two men and raided a house in the town. "
    fact = "Psilocybin comes from mushrooms that grow wild in Mexico and Central America. "
    assert found(police + fact * 2, kb) == []          # three cues in forty words: a bust report
    assert "psilocybin" in {t for _, t, _ in found(police + fact * 40, kb)}   # three in five hundred: not


_EARNINGS = ("Novo Nordisk reported third-quarter revenue of $10 billion, beating analysts' estimates, and its shares "
             "rose 4% on Wall Street. Wegovy sales rose 48% in the quarter, while Ozempic sales missed the forecast. "
             "The company raised its full-year outlook and said profit per share would grow.")


def test_an_earnings_report_names_products_sold_not_treatments_taken(kb):
    assert found(_EARNINGS, kb) == []
    # a sentence there that says people take it, or names a claim, keeps its highlight
    taking = _EARNINGS + " Analysts note that patients taking Wegovy stay on it for months."
    assert "semaglutide" in {t for _, t, _ in found(taking, kb)}
    copies = _EARNINGS + " Telehealth firms sold compounded semaglutide, the company said."
    assert ("semaglutide", "danger") in {(t, level) for _, t, level in found(copies, kb)}
    # health news that mentions sales once or twice is no business report
    news = "Pharmacies ran short of Ozempic this quarter as sales grew; patients with type 2 diabetes waited weeks."
    assert "semaglutide" in {t for _, t, _ in found(news, kb)}


_BANKRUPT = ("Three spas in Cherry Creek and Boulder have filed for Chapter 11 bankruptcy, listing debts to creditors "
             "of $2 million. The spas offered cryotherapy sessions, facials and Botox injections. The owner said the "
             "closures came after rents rose.")


def test_a_story_titled_for_a_business_event_names_products_sold_at_half_the_density(kb):
    """A short story about a bankruptcy, a sale or job cuts holds fewer finance words than an earnings report; under a
    title that names the event, half the density will do. Without that title it is read as any text."""
    assert found(_BANKRUPT, kb, Page(title="Cryotherapy spas in Cherry Creek, Boulder go bankrupt")) == []
    assert "Botox" in {e for e, _, _ in found(_BANKRUPT, kb, Page(title="Cryotherapy spas close"))}


@pytest.mark.parametrize("title, text, exact", [
    # a title's "sales" or "lawsuit" is no business event: death and injury stories are told through them
    ("Kratom sales boom even as poison centers report more overdoses",
     "The kratom industry now brings in $1.3 billion a year, and sales at smoke shops have doubled. Poison control "
     "centers logged more than 1,800 calls about kratom.", "kratom"),
    ("Family files lawsuit over tianeptine death", "Their son bought Neptune's Fix at a gas station and died weeks "
     "later, the lawsuit says. The seller's tianeptine sales reached millions of dollars.", "tianeptine"),
    # a business event, and patients who had the treatment
    ("A stem cell clinic under fire by the FDA and ex-patients files for bankruptcy",
     "StemGenex charged patients $14,900, removing fat from their bellies to concentrate its stem cells, and "
     "injecting the resulting fluid into the same customer. The company filed for Chapter 11 bankruptcy protection, "
     "listing its creditors.", "stem cells"),
])
def test_a_story_of_harm_told_through_a_business_keeps_its_cards(title, text, exact, kb):
    assert exact in {e for e, _, _ in found(text, kb, Page(title=title))}


@pytest.mark.parametrize("text", [
    "Joyce connected repeatedly with the jab in round one and kept landing the jab all night long.",
    "The song, Paracetamol, has to be my favourite and this week's song of the week.",
    "Canadian rapper Billy Botox's new single is a bold and infectious track.",
    "Fernando Coronil's study of the state in Venezuela is thorough and important.",
    # "took a big step" is an idiom, not a treatment taken; a garden plant is no remedy
    "Container alliances took a big step forward this week with a fresh network brochure from MSC.",
    "Black Cohosh is an understory perennial; give it partial shade, and pollinators flock to its white flowers.",
    # a nickname: after "alias", or a capitalised article in mid-sentence
    "Authorities were searching for César Sepúlveda, alias “El Bótox,” the extortion boss.",
    "Cornered, El Bótox tried to escape through a window.",
])
def test_a_name_used_again_titles_and_surnames_are_no_treatment(text, kb):
    # the name repeated is no treatment cue for itself; a song's or a rapper's name is a title; a surname is a name
    assert found(text, kb) == []


@pytest.mark.parametrize("title, text, shown", [
    # each a case an independent review of the session's rules found wrong, with what a reader should see
    ("Weight-loss jab Mounjaro to be offered by GPs",
     "People living with obesity will be able to get the weight-loss jab Mounjaro from their GP under new NICE "
     "guidance. NICE estimates the roll-out will take years. The NHS agreed a deal with the maker before the launch.",
     {("jab", "established"), ("Mounjaro", "established")}),
    ("", "Durante el primer trimestre del embarazo el beneficio es claro. En el segundo trimestre se recomienda la "
         "vacuna contra la gripe. Las acciones de prevención incluyen el paracetamol para la fiebre en el tercer "
         "trimestre.", {("vacuna contra la gripe", "established"), ("paracetamol", "established")}),
    ("", "Police raided a shop selling tianeptine. Officers arrested the owner and seized stock, police said.",
     {("tianeptine", "danger")}),
    ("", "Her new song is about coming off antidepressants after years of depression.",
     {("antidepressants", "established")}),
    ("", "The guitarist was treated with chemotherapy for lymphoma last year.", {("chemotherapy", "established")}),
    ("", "The economy needs a booster shot.", set()),
    ("", "The plumber fitted a joint replacement under the sink.", set()),
    ("", "Nasya Smith scored twice in the final.", set()),
    ("Ageing well: ten tips for healthy ageing", "My dad takes the diabetes drug metformin.",
     {("metformin", "established")}),
    ("", "Had my jab yesterday and my arm is still sore from the jab.", {("jab", "established")}),
    ("", "The gang imported MDMA and LSD. Police said the men were convicted and jailed, and police seized their cash.",
     set()),
    # a second review's cases, after the first one's fixes
    ("", "The clinic's Stem Cell Therapy Programme charges $20,000 for autism treatment.",
     {("Stem Cell Therapy", "danger")}),
    ("", "Last night I took some Kratum and felt sick.", {("Kratum", "danger")}),
    ("", "Aspirin for teenagers with flu-like symptoms can cause Reye's syndrome.", {("Aspirin", "danger")}),
    ("", "Can I give my 10-year-old aspirin for her fever?", {("aspirin", "danger")}),
    ("", "I've been on oxycodone for years for severe pain from fibromyalgia.", {("oxycodone", "warning")}),
    ("", "Paracetamol for the pain in my lower back did nothing.", {("Paracetamol", "warning")}),
    ("", "Farmers dose their dairy cows with ivermectin.", set()),
    ("", "Police seized the mushrooms. People were told psilocybin helps depression.", {("psilocybin", "caution")}),
])
def test_the_reviews_readings(title, text, shown, kb):
    got = {(h.exact, h.level) for h in annotate_text(text, kb, page=Page(title=title)).highlights}
    assert got == shown


@pytest.mark.parametrize("text", [
    "The ketogenic diet halved the seizures of children with drug-resistant epilepsy.",
    "Epidiolex, a CBD medicine, reduced the seizures of children with Dravet syndrome.",
    "Americans smuggling insulin from Canada say they need it for type 1 diabetes.",
])
def test_seizures_and_smuggling_for_a_use_are_not_a_shipment(text, kb):
    assert found(text, kb)


@pytest.mark.parametrize("text, shown", [
    # each a case an independent review of the session's rules found wrong, with what a reader should see
    ("Spravato (esketamine) is approved for treatment-resistant depression, but because of the risk of abuse and "
     "misuse it is given only in certified clinics.", {("Spravato", "warning"), ("esketamine", "warning")}),
    ("Insulin is a hormone that people with type 1 diabetes need every day.", {("Insulin", "established")}),
    ("Try our Ozempic Weight Loss Program today.", {("Ozempic", "established")}),
    ("Travellers to Africa need vaccines for yellow fever and tablets to prevent malaria.",
     {("vaccines", "established")}),
    ("Semaglutide is unlicensed for alcohol use disorder, but trials are under way.", {("Semaglutide", "caution")}),
    ("New nurses get OJT at the clinic before treating patients.", set()),
    ("Take vitamin D with a meal of eggs and tomatoes.", {("vitamin D", "depends")}),
    ("Mosquitoes are insects that spread malaria. The insects bite at night, and insects breed in still water. "
     "The malaria vaccine protects children in Africa.", {("malaria vaccine", "established")}),
    # the next session's first review: each a reading its KB changes had turned wrong
    ("People who drink chlorine dioxide, which is used in papermaking, risk life-threatening dehydration.",
     {("chlorine dioxide", "danger")}),
    ("Americans travel to ozone therapy treatment facilities in Tijuana.", {("ozone therapy treatment", "depends")}),
    ("Men who used anabolic steroids for bodybuilding often develop hypogonadism and may need testosterone "
     "replacement therapy.", {("testosterone replacement therapy", "established")}),
    ("Testosterone gel may help men with hypogonadism gain muscle mass and lose fat.",
     {("Testosterone gel", "established")}),
    ("A zoo keeper was hospitalised after drinking MMS.", {("MMS", "danger")}),
    ("Azithromycin is used for COVID-19 patients who develop a secondary bacterial pneumonia.",
     {("Azithromycin", "established")}),
    ("Patients on Ozempic should limit alcohol consumption because of the risk of low blood sugar and pancreatitis.",
     {("Ozempic", "established")}),
    ("Nurse practitioners can give antibiotics without a doctor's prescription in some states.",
     {("antibiotics", "depends")}),
    ("A stack of papers on testosterone research sat on her desk.", set()),
    ("Vaping can mimic the effects of smoking on the lungs.", {("Vaping", "depends")}),
    ("Progesterone capsules are used to support pregnancy in IVF.", set()),
    # and its second review
    ("Kit para produção de MMS: beba para curar autismo.", {("MMS", "danger")}),
    ("Peptides that mimic the effects of semaglutide are sold online as research chemicals for weight loss.",
     {("semaglutide", "danger")}),
    ("Never give a guinea pig amoxicillin, ampicillin or penicillin, because it can kill it.", set()),
    ("Big fish in my pond got sick, so I dosed the water with Fish Mox.", set()),
    ("Melatonin, a hormone made by the body, is sold as a sleep aid for children.", {("Melatonin", "caution")}),
    ("Unlike PEDs, testosterone replacement therapy for men with hypogonadism restores normal levels.",
     {("testosterone replacement therapy", "established")}),
    ("La crioterapia para el cáncer de cuello uterino destruye las lesiones precancerosas.", set()),
    ("Doctors used antibiotics to treat COVID-19 patients with bacterial pneumonia in the ICU.",
     {("antibiotics", "established")}),
    ("I started Ozempic for my diabetes and noticed my alcohol cravings vanished.", {("Ozempic", "established")}),
    # and its third review
    ("La melatonina es una hormona que el cuerpo necesita para dormir, y muchos padres la usan para que sus hijos se "
     "duerman.", {("melatonina", "caution")}),
    ("A zookeeper who worked with the elephants for 20 years drank chlorine dioxide daily to treat his cancer.",
     {("chlorine dioxide", "danger")}),
    ("Penicillin can be fatal in rodents such as guinea pigs.", set()),
    ("Keeping cold fish like goldfish healthy: treat fin rot with aquarium antibiotics.", set()),
    ("Retinol is the best collagen stimulator you can buy at the drugstore.", set()),
    ("Farmers can buy oxytetracycline without a prescription at feed stores for their calves.", set()),
    ("Antibiotics alone should not be used to treat acne because of resistance.", {("Antibiotics", "established")}),
    # a material word inside an idiom ("wastewater treatment") still makes a text about materials
    ("The washer effluent is collected and sent to wastewater treatment. The most common bleaching chemicals are "
     "chlorine, chlorine dioxide, hydrogen peroxide and oxygen.", set()),
    ("Anabolic steroids are synthetic drugs that mimic the effects of testosterone in the body.", set()),
    # the next session's review: treatment cues for lotions and studies, turning back age, cannabis creams
    ("After his stem cell transplant for leukaemia, Tom says he wants to turn back the clock and run marathons again.",
     {("stem cell transplant", "established")}),
    ("Stem cells donated by his brother cured his aplastic anaemia; it was like finding the fountain of youth.",
     {("Stem cells", "established")}),
    ("My aunt swears by a cannabis lotion for her nausea during chemo.", set()),
    ("Vicks VapoRub is an ointment made with camphor, menthol, eucalyptus oil and turpentine oil.", set()),
    ("In a clinical study, researchers found that the body makes less melatonin when people look at screens.", set()),
    ("The hotel is in the CBD, and the spa offers a lavender lotion massage on arrival.", {("massage", "caution")}),
    ("Our new night lotion is packed with collagen and hyaluronic acid for plumper-looking skin.", set()),
    # and its third review: the body's own substance, black seed's spice words, Kenalog's hay fever jab
    ("Here is a breakdown of semaglutide prices at online pharmacies selling it without a prescription.",
     {("semaglutide", "danger")}),
    ("Chlorine dioxide synthesis kits are sold online for people to mix and drink against autism.",
     {("Chlorine dioxide", "danger")}),
    ("I stopped my chemotherapy and now take black seed oil with curry leaves every day.",
     {("chemotherapy", "established"), ("black seed oil", "depends")}),
    ("I had a cortisone injection in my knee last week; now the pollen count is high and my hay fever is awful.",
     {("cortisone injection", "established")}),
    ("Apply Kenalog cream twice a day to the eczema on your elbows.", set()),
    ("Ask your GP about the hay fever jab if antihistamines have not worked.", {("hay fever jab", "warning")}),
    ("Sublingual immunotherapy tablets for grass pollen are taken under the tongue.", set()),
    ("Immunotherapy with pembrolizumab helped her lung cancer, though she is allergic to pollen.",
     {("Immunotherapy", "established"), ("pembrolizumab", "established")}),
    # and its second review: a sentence that says what kind of substance a name is can carry the claim
    ("DNP fat burner capsules are sold on bodybuilding forums.\n\nDNP is a molecule that melts fat faster than "
     "anything else.", {("DNP fat burner", "danger"), ("DNP", "danger")}),
    ("Chlorine dioxide is industrial bleach.\n\nMMS is a mineral that clears parasites from your child.",
     {("Chlorine dioxide", "danger"), ("MMS", "danger")}),
    ("Ketamine infusions for depression.\n\nKetamine is a molecule that rewires your brain in one afternoon.",
     {("Ketamine infusions", "warning"), ("Ketamine", "warning")}),
    ("Lithium orotate is sold as a supplement.\n\nLithium is a mineral that every depressed person is missing.",
     {("Lithium orotate", "warning"), ("Lithium", "warning")}),
    ("Hydroxychloroquine, expression of hope for millions, the president said as he urged COVID patients to try it.",
     {("Hydroxychloroquine", "danger")}),
    ("Botox – expression lines, crow's feet and frown lines from £150 per area.", {("Botox", "established")}),
    ("Grandma's recipe: soak one muthi of chana overnight, then boil with turmeric.", set()),
    # and the last review: not_when words for allergen shots, warts and dermatologists silenced real mentions
    ("The clinic offers a steroid injection for hay fever as well as sublingual immunotherapy.",
     {("steroid injection", "warning")}),
    ("Keytruda can cause itchy rashes, and people with a peanut allergy do not need to avoid it.",
     {("Keytruda", "established")}),
    ("Pembrolizumab side effects include rash, itching and, rarely, reactions resembling hay fever.",
     {("Pembrolizumab", "established")}),
    ("Whole-body cryotherapy is not recommended by dermatologists for psoriasis, and the FDA has warned about "
     "frostbite.", {("Whole-body cryotherapy", "depends")}),
    # and the review of the long COVID uses and new names: a nearby "covid" is no use, and names shared with ships,
    # lab results, caffeine, cocaine and tailors need a treatment cue
    ("Smokers admitted to hospital with COVID-19 were offered NRT to manage nicotine withdrawal.",
     {("NRT", "established")}),
    ("After covid, my mum used NRT to finally quit cigarettes.", {("NRT", "established")}),
    ("Pregnant women who smoked during the COVID-19 pandemic were offered nicotine patches by their midwife.",
     {("nicotine patches", "depends")}),
    ("Smoking during pregnancy is harmful; nicotine replacement therapy is safer than smoking.",
     {("nicotine replacement therapy", "established")}),
    # a never-smoker's patches are the use in people who do not smoke (the words that name them, session 34)
    ("I've never smoked, but I've been wearing nicotine patches to lose weight.", {("nicotine patches", "warning")}),
    ("Has anyone tried nicotine patches for their long covid?", {("nicotine patches", "warning")}),
    ("Before covid, I had ozone therapy injections for my knee.", {("ozone therapy injections", "caution")}),
    ("The car valeting firm offers an ozone treatment for covid disinfection of vehicles.", set()),
    ("A clinic in Texas sold ozone therapy as a cure for coronavirus.", {("ozone therapy", "danger")}),
    ("Intravenous vitamins were given in the ICU to COVID patients with severe malnutrition.",
     {("Intravenous vitamins", "established")}),
    ("During the covid lockdown, hyperbaric oxygen was still given for carbon monoxide poisoning.",
     {("hyperbaric oxygen", "established")}),
    ("Panamax ships carry grain through the canal.", set()),
    ("My Panamax surge protector saved the TV.", set()),
    ("In the serum protein electrophoresis, the gamma globulin fraction was raised.", set()),
    ("Energy drinks are not stimulant medications, but they contain a lot of caffeine.", set()),
    ("Psychostimulant drugs such as cocaine and methamphetamine are widely abused.", set()),
    ("The athlete tested positive for a banned stimulant medication and was suspended for two years.", set()),
    ("Sleeve surgery for a torn shirt is a quick job for a tailor.", set()),
    # and the second review: an infection that spreads does need antibiotics, dental pain is no everyday use of an
    # overdose, a specific immunoglobulin is no IVIG, and a laboratory's instrument does not silence a claim
    ("I had severe tooth pain and my face swelled up; the dentist drained the abscess and gave me antibiotics "
     "because the infection had spread.", {("antibiotics", "established")}),
    ("Toothache with a swollen jaw and a temperature means the infection is spreading: your dentist may prescribe "
     "antibiotics.", {("antibiotics", "established")}),
    ("Antibiotics won't cure toothache: see a dentist for a filling or root canal instead.",
     {("Antibiotics", "warning")}),
    ("I'm pregnant and have tooth pain; can I take paracetamol?", {("paracetamol", "established")}),
    ("A 17-year-old with wisdom tooth pain took 30 paracetamol tablets over two days and ended up with liver "
     "failure.", {("paracetamol", "depends")}),
    ("My 10-year-old was given codeine after a tooth extraction.", {("codeine", "depends")}),
    ("Anti-D immunoglobulin injections are offered to rhesus-negative women at 28 weeks of pregnancy.", set()),
    ("Rabies immunoglobulin injections were given around the wound.", set()),
    ("Hyperbaric oxygen was used to treat covid-19 in Wuhan.", {("Hyperbaric oxygen", "warning")}),
    ("High-dose vitamin D, tested by LC-MS, prevents cancer, the seller claims.", {("vitamin D", "warning")}),
    # and the third: photographic and soap words, "tooth extraction", "hair growth" and "immunoglobulin levels"
    ("Colloidal silver, made with silver halide like film emulsion, cures cancer.", {("Colloidal silver", "warning")}),
    ("Lye soap with lavender essential oil will heal psoriasis.", {("essential oil", "depends")}),
    ("She swallowed a whole box of paracetamol after her tooth extraction.", {("paracetamol", "depends")}),
    ("Microneedling can cause unwanted hair growth on the face.", {("Microneedling", "depends")}),
    # the session's KB review: new uses' words had caught the proven use's sentences
    ("Aspirin is not recommended for kids with the flu.", {("Aspirin", "danger")}),
    ("Chelation therapy is the standard treatment for heavy metal toxicity such as lead poisoning.",
     {("Chelation therapy", "established")}),
    ("Men with prostate cancer on hormone therapy should take calcium and vitamin D to protect their bones.",
     {("calcium", "caution"), ("vitamin D", "established")}),
    ("My endocrinologist prescribed testosterone injections for my Klinefelter syndrome; I have gained muscle and feel "
     "much better.", {("testosterone injections", "established")}),
    ("A viral video claims sea moss can cure diabetes.", {("sea moss", "danger")}),
    # a food's content of a nutrient is no supplement taken; a dose is
    ("Lobsters are also high in zinc, according to the Office of Dietary Supplements.", set()),
    ("Legumes like black beans are also rich in magnesium, as are whole grains such as quinoa.", set()),
    ("I take 50 mg of zinc a day to shorten my colds.", {("zinc", "caution")}),
    ("Sea moss is rich in iodine, so people with diabetes on insulin should check with their doctor.",
     {("Sea moss", "warning"), ("insulin", "established")}),
    ("Her immunoglobulin levels were low, so she was started on IVIG infusions.", {("IVIG", "depends")}),
    ("Many men take saw palmetto capsules for hair loss.", {("saw palmetto", "caution")}),
    # and the fourth: sleep words beat CBT's named use, "diabetic" matched "non-diabetic", allergy swells faces too
    ("I've been doing CBT for my depression, but I still find it hard to fall asleep.", {("CBT", "established")}),
    ("I tried CBTi through the NHS app and now sleep much better.", {("CBTi", "established")}),
    ("He was charged with murder after injecting non-diabetic patients with insulin.", {("insulin", "depends")}),
    ("The facial swelling after eating peanuts was an allergic reaction, not something antibiotics would help.",
     {("antibiotics", "depends")}),
    # "anti-" before a name sets the text against it, but a name that begins with "Anti" is still the name
    ("Anti-estrogen therapy such as tamoxifen is used after breast cancer surgery.",
     {("Anti-estrogen therapy", "established"), ("tamoxifen", "established"), ("cancer surgery", "established")}),
    ("Anti-vaccine activists spread false claims about the MMR vaccine.", {("MMR vaccine", "established")}),
    # ... unless its sentence makes the claim for the treatment (the fifth review)
    ("Ignore the anti-ivermectin crowd; it cured my stage 4 cancer.", {("ivermectin", "warning")}),
    ("The anti-MMS people won't tell you it reverses autism.", {("MMS", "danger")}),
    ("Don't believe the anti-fenbendazole doctors, it shrinks tumours.", {("fenbendazole", "danger")}),
    ("Anti\u2013sunscreen influencers are everywhere.", set()),
    # a colour's name keeps the mention where its sentence makes the claim (the second review of session 34)
    ("Our chlorine dioxide-coloured drops cure autism and cancer.", {("chlorine dioxide", "danger")}),
    # session 35's first review: a clinic is named after what it sells; a long drug name misspelt with another
    # chemical ending is still the drug; a colour before a dress is a colour whatever the sentence claims
    ("The Miami Stem Cell Center says its injections can cure knee arthritis without surgery.",
     {("Stem Cell", "danger")}),
    ("I started semaglutine injections for weight loss.", {("semaglutine", "established")}),
    ("Her turmeric-coloured dress stole the show at the gala for cancer research.", set()),
    # the second review: dementia patients' statins are the heart use; too much vitamin D's memory loss is a harm
    ("Patients with Alzheimer's disease who have high cholesterol may still be prescribed statins to prevent a heart "
     "attack.", {("statins", "established")}),
])
def test_the_reviewed_rules_leave_these_readings_alone(text, shown, kb):
    assert {(e, level) for e, _, level in found(text, kb)} == shown
    if "Travellers" in text:
        (h,) = annotate_text(text, kb).highlights
        assert "malaria" not in (h.indication or "")


def test_aspirin_for_tomato_plants_is_gardening(kb):
    text = ("Tomatoes like aspirin because aspirin triggers a plant's natural defence mechanisms.\n\n"
            "Supplementing with a diluted aspirin solution gives tomatoes a boost in fruit production.")
    assert found(text, kb) == []


def test_an_initial_before_a_lowercase_word_does_not_end_the_sentence(kb):
    """A botanical abbreviation ("A. muricata") leaves the fruit's sentence whole, so its food words set the fruit
    apart; a list of the fruit's local names then follows the text's sense. A forum written in lowercase still ends
    its sentences: one sentence's words do not decide another's."""
    text = ("De las especies del género Annona, la guanábana, A. muricata L., es el árbol más tropical, con la "
            "fruta más grande.\n\nEn Brazil se la llama araticum, graviola, o jaca do Pará.")
    assert found(text, kb) == []
    assert found("Se vende graviola en cápsulas contra el cáncer.", kb)[0][1] == "graviola"
    assert [level for _, _, level in found("i got my wegovy from boots. compounded stuff scares me.", kb)] != ["danger"]


def test_an_abbreviation_the_text_defines_for_a_treatment_is_that_treatment(kb):
    text = ("The drug in question is fenbendazole (FZ), sold under other names.\n\n"
            "Patients take 222 mg of FZ per day for their cancer.")
    assert [(e, t) for e, t, _ in found(text, kb)] == [("fenbendazole", "fenbendazole"), ("FZ", "fenbendazole"),
                                                       ("FZ", "fenbendazole")]


@pytest.mark.parametrize("text", [
    "She takes metformin (Glucophage) daily; Glucophage helps.",     # a brand, not an abbreviation
    "He took ivermectin (WHO) at home; the WHO said it was unwise.",  # the letters are not the name's
])
def test_brackets_that_do_not_abbreviate_the_name_define_nothing(text, kb):
    assert [e for e, _, _ in found(text, kb)] in (["metformin", "Glucophage", "Glucophage"], ["ivermectin"])


def test_a_page_whose_title_names_the_other_sense_needs_context_for_each_mention(kb):
    text = ("I still remember my first time finding a Lion's Mane mushroom on a fallen beech tree.\n\n"
            "Lion's Mane is also celebrated in traditional medicine for its cognitive benefits.")
    about_the_mushroom = Page(title="A Forager's Guide to Lion's Mane Mushroom")
    assert [h.start for h in annotate_text(text, kb, about_the_mushroom).highlights] == [text.rindex("Lion's Mane")]
    assert len(annotate_text(text, kb).highlights) == 2   # without that title, one sense for the whole text


def test_spanish_names_are_found_in_spanish_text_only(kb):
    text = ("El Gobierno ha etiquetado como seudoterapias la aromaterapia, la hidroterapia del colon y la medicina "
            "natural china, que carecen de rigor científico.")
    assert [(e, t) for e, t, _ in found(text, kb)] == [
        ("aromaterapia", "essential-oils"), ("hidroterapia del colon", "colon-cleansing"),
        ("medicina natural china", "herbal-medicine")]
    assert found("Aromaterapia is a brand of candles sold in Madrid.", kb) == []


def test_an_animal_page_reads_names_and_people_as_a_reader_does(kb):
    dogs = Page(title="Heartworm Prevention and Medicine for Dogs")
    for text in ("Fish oil for heart disease is not backed by good trials.",   # an animal inside a name is no patient
                 "Horse paste for COVID-19 sent a wave of calls to poison centres."):
        assert len(found(text, kb, dogs)) == 1, text
    # "human" inside a name names no people: the shorter "growth hormone" is not left standing
    assert found("Trainers injected the horses with human growth hormone.", kb) == []
    # a news story that quotes a vet label: sentences saying people take the drug are about people
    quoted = ("The tubes say 'not for human use'.\n\nPeople buy fenbendazole tablets online.\n\n"
              "She takes fenbendazole capsules every morning.")
    assert len(found(quoted, kb)) == 2
    bears = Page(title="Cryotherapy chambers are the new secret weapon for the Bears")   # a team, not a patient
    assert len(found("The quarterback steps into the whole-body cryotherapy chamber after practice.", kb, bears)) == 1


@pytest.mark.parametrize("text", [
    # what a substance does in the body is physiology, not someone taking it (a rule that read verbs of effect as
    # treatment context was tried and dropped: it carded these)
    "Methylene blue improves the contrast of the stained slide.",
    "Stem cells help the embryo grow new organs.",
    "Collagen helps keep skin firm, but collagen production drops with age.",
    "Calcium helps build strong bones.",
])
def test_a_verb_of_effect_without_a_use_is_no_treatment_context(text, kb):
    assert found(text, kb) == []


def test_a_spanish_name_spelled_alike_in_portuguese_text_counts_but_not_its_typo(kb):
    pt = "Por quase três décadas, a creatina foi sinônimo de hipertrofia muscular e ganho de força nos treinos."
    assert [e for e, _, _ in found(pt, kb)] == ["creatina"]
    assert found(pt.replace("creatina", "creatinna"), kb) == []   # a typo counts only in the name's own language


def test_animals_named_only_as_animals_do_not_make_a_text_about_animals(kb):
    text = ("Se fabrican con plantas, animales o compuestos químicos.\n\n"
            "Casi mil medicamentos homeopáticos se venden en farmacias.")
    assert [e for e, _, _ in found(text, kb)] == ["homeopáticos"]
    assert found(text.replace("animales", "caballos y perros"), kb) == []   # kinds of animal, no person: theirs


@pytest.mark.parametrize("text, exact", [
    # a pet named once in a post about the writer's own dose does not make the text about the pet
    ("Drink MMS every hour for a week. Keep it away from pets.", "MMS"),
    ("I've been taking fenbendazole 222 mg daily for three months. My dog's vet said it is safe.", "fenbendazole"),
    ("Colloidal silver: I drink a teaspoon daily. My horse gets some too.", "Colloidal silver"),
    # words with an everyday other sense are no animal patients
    ("Got my PET scan results today. Started fenbendazole on Monday.", "fenbendazole"),
    ("Flu vaccines protect your family and build herd immunity.", "Flu vaccines"),
    ("Ozempic bears a boxed warning about thyroid tumours.", "Ozempic"),   # the verb, not the animal
])
def test_a_dose_beside_a_pet_named_once_is_still_the_treatment(text, exact, kb):
    assert exact in [e for e, _, _ in found(text, kb)]


@pytest.mark.parametrize("text, exact, level", [
    ("Across Lebanon ivermectin sales soared as people used it against covid.", "ivermectin", "warning"),  # not "non "
    ("Medical Board Warns of Ivermectin Dangers", "Ivermectin", "depends"),   # an English headline is no body's name
    # a claim in the class's place is the claim ("the COVID drug"), not a description of the drug
    ("Joe Rogan took the COVID drug ivermectin, which is also used for river blindness.", "ivermectin", "warning"),
])
def test_review_cases_keep_their_card(text, exact, level, kb):
    assert (exact, level) in [(e, lv) for e, _, lv in found(text, kb)]


def test_an_animal_after_only_for_in_portuguese_is_what_the_product_is_for(kb):
    text = "Meu tio toma ivermectina todo dia. O médico disse que a ivermectina é só para cavalos."
    assert [e for e, _, _ in found(text, kb)] == ["ivermectina", "ivermectina"]


@pytest.mark.parametrize("text", [
    "Se trata de un tratamiento cosmético elaborado con vitaminas, aminoácidos y ácido hialurónico.",  # not "vitamina A"
    "Uno de los servicios más solicitados en salones es el bótox capilar, que devuelve brillo a melenas débiles.",
    "O cloro gás foi substituído pelo dióxido de cloro na estação de tratamento de água da cidade.",
])
def test_spanish_and_portuguese_other_senses_stay_silent(text, kb):
    assert found(text, kb) == []


@pytest.mark.parametrize("text, supplement", [
    ("A DGS emitiu uma norma sobre a suplementação de vitamina D. Em Portugal, 66% dos adultos tem insuficiência de "
     "vitamina D, segundo o estudo.", "suplementação de vitamina D"),
    ("Doctors prescribe vitamin D supplements for bone health. Most adults in the survey had vitamin D insufficiency.",
     "vitamin D supplements"),
])
def test_an_insufficiency_is_the_bodys_level_even_where_the_text_names_the_supplement(text, supplement, kb):
    assert [h.exact for h in annotate_text(text, kb).highlights] == [supplement]



def test_another_term_silences_its_own_word_not_the_treatments_other_names(kb):
    text = ("I have been toying with the idea of intermittent fasting for a while. Then I listened to some podcasts "
            "talking about prolonged fasting and I thought why not give it a go.")
    assert [h.exact for h in annotate_text(text, kb).highlights] == ["prolonged fasting"]


@pytest.mark.parametrize("text, phrase", [
    ("Los antibióticos curan infecciones bacterianas. La resistencia a los antibióticos es una amenaza mundial.",
     "resistencia a los antibióticos"),
])
def test_a_spanish_resistance_phrase_names_the_germ_not_the_treatment(text, phrase, kb):
    lo = text.index(phrase)
    starts = [h.start for h in annotate_text(text, kb).highlights]
    assert starts and not any(lo <= s < lo + len(phrase) for s in starts)


@pytest.mark.parametrize("text, level", [
    # a review's sentences: a long course is no word of the chronic-Lyme use, nor plain Lyme disease of the bacterial
    ("Tuberculosis is cured with six months of antibiotics, and stopping early breeds drug-resistant TB.", "depends"),
    ("She has been on IV antibiotics through a PICC line for 18 months to treat her Lyme disease.", "depends"),
    ("Her Lyme-literate doctor kept her on IV antibiotics for two years for chronic Lyme disease.", "danger"),
    ("After three years on rotating antibiotics for persistent Lyme disease, she developed C. diff.", "danger"),
])
def test_only_lyme_s_own_words_name_the_chronic_lyme_use(text, level, kb):
    assert [h.level for h in annotate_text(text, kb).highlights if h.treatment == "antibiotics"][:1] == [level]


@pytest.mark.parametrize("text", [
    "Trump ordered the release of hydroxychloroquine from the national stockpile to treat COVID patients.",
    "Pellets give a slow release of testosterone for months; she had them put in for menopause fatigue.",
    "Taking care of my cancer naturally: castor oil every night.",
])
def test_a_release_or_taking_care_does_not_silence_a_treatment(text, kb):
    assert annotate_text(text, kb).highlights


@pytest.mark.parametrize("text, exact, level", [
    # a second review's sentences: each rule that made them silent or calm was narrowed or taken out
    ("At-home red-LED therapy masks promise to clear acne and erase wrinkles.", "LED therapy", "caution"),
    ("The FDA chief briefed Congress on Ozempic copies sold online that have put people in hospital.", "Ozempic",
     "danger"),
    ("My GP gave me a short course of antibiotics for my cold.", "antibiotics", "warning"),
    ("Her brow Botox was done by an unlicensed injector and she ended up with botulism.", "Botox", "danger"),
    ("Hubo resistencia a ivermectina entre los médicos, pero el gobierno la repartió contra el COVID-19.",
     "ivermectina", "warning"),
])
def test_the_second_review_s_sentences_keep_their_cards(text, exact, level, kb):
    assert [(h.exact, h.level) for h in annotate_text(text, kb).highlights][:1] == [(exact, level)]


def test_a_hot_tub_people_sit_in_is_no_material(kb):
    text = "The actor drowned in a hot tub at his home after consuming a large dose of ketamine."
    assert [h.exact for h in annotate_text(text, kb).highlights] == ["ketamine"]


def test_bloodroot_sold_as_a_remedy_is_black_salve(kb):
    text = "Dozens of internet companies now sell black salve or bloodroot in cream, spray and tablet form."
    assert [(h.exact, h.level) for h in annotate_text(text, kb).highlights] == \
        [("black salve", "danger"), ("bloodroot", "danger")]


@pytest.mark.parametrize("text, shown", [
    ("I can't find anything positive about ssri withdrawal.", [("ssri", "antidepressants")]),
    ("The statins included Zocor, Mevacor and Pravachol.", [("statins", "statins"), ("Zocor", "statins"),
                                                             ("Mevacor", "statins"), ("Pravachol", "statins")]),
])
def test_names_and_descriptions_met_in_the_sessions_rounds(text, shown, kb):
    assert [(h.exact, h.treatment) for h in annotate_text(text, kb).highlights] == shown


@pytest.mark.parametrize("text, shown", [
    # each a case this session's independent review found wrong, with what a reader should see
    ("Families of children with autism travel abroad for stem cell transplants, which are used for blood cancers, "
     "but there is no evidence they help autism.", [("stem cell transplants", "danger")]),
    ("Ozempic is approved for type 2 diabetes; people with Alzheimer's disease hoped it would help, but it did not "
     "slow Alzheimer's disease.", [("Ozempic", "warning")]),
    ("Children with rickets are treated with vitamin D, which heals the soft bones and prevents fractures.",
     [("vitamin D", "established")]),
    ("Vitamin D and calcium are prescribed alongside alendronate to prevent fractures in people with osteoporosis.",
     [("Vitamin D", "established"), ("calcium", "caution")]),
    ("Housebound older people, who are at risk of falls, should take vitamin D all year round.",
     [("vitamin D", "established")]),
    ("Vitamin D, essential for strong bones, has been touted as a way to prevent COVID-19.", [("Vitamin D", "warning")]),
    ("Kava is a plant with relaxing effects, and kava drinks are marketed for anxiety.",
     [("Kava", "warning"), ("kava", "warning")]),
    ("Chlorine dioxide is a bleach used to treat pool water and should never be drunk.",
     [("Chlorine dioxide", "danger")]),
    ("Xanax bars were found floating in the pool water after the party.", [("Xanax", "danger")]),
    ("Delta - 8 THC gummies are sold at gas stations.", [("Delta - 8 THC gummies", "danger")]),
    ("I took two Solpadeine Headache soluble tablets for my migraine.", []),
    ("Na UTI, pacientes com desnutrição recebem vitaminas por via intravenosa para o bem-estar.",
     [("vitaminas por via intravenosa", "established")]),
    # a second review: a "but" rule, a falls-and-fractures use, hot-tub and lab words were taken out for these
    ("Some parents try chelation on autistic children but chelation is meant for heavy metal poisoning.",
     [("chelation", "danger"), ("chelation", "danger")]),
    ("Ivermectin is pushed as a cancer cure but it is an anti-parasitic drug for river blindness.",
     [("Ivermectin", "warning")]),
    ("My GP prescribed vitamin D because I have osteoporosis and a high risk of falling.",
     [("vitamin D", "established")]),
    ("A wellness blogger recommends adding food-grade hydrogen peroxide to your bath or hot tub to detox the body.",
     [("food-grade hydrogen peroxide", "danger"), ("detox", "warning")]),
    ("Delta-8 THC sold in vape shops is often made with acetic anhydride and other harsh chemicals.",
     [("Delta-8 THC", "danger")]),
    ("Chemists checked the melting point of the kratom extract sold at smoke shops as a painkiller.",
     [("kratom", "danger")]),
])
def test_the_sessions_review_findings(text, shown, kb):
    assert [(h.exact, h.level) for h in annotate_text(text, kb).highlights] == shown
