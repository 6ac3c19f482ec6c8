"""`caveat eval` on the labelled corpus: the scores may not fall below today's (a regression fails CI), and the
command reports every miss, false positive and malformed label."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from caveat.annotator.evaluation import evaluate, split_of

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Floors a little under the scores measured when they were set (README, "Reading context"); raise them as the
# corpus and the matcher improve. Targets: recall 0.95, precision 0.97, agreement 0.95, nothing on other texts.
# Lowered on 2026-12-06 when 75 new blind-labelled texts (41 of them false-friend texts) made the measure harder:
# the same code scored 0.911 / 0.860 / 0.918 / 79 on the grown corpus before the rules they prompted; 59 more
# (round two, d- and e- files) took the code of that time from 0.931 / 0.953 / 0.953 / 7 to 0.915 / 0.921 / 0.945 / 28.
# Round three (40 f- files, a later session) took the code of that moment from 0.935 / 0.956 / 0.956 / 1 (322 texts)
# to 0.916 / 0.945 / 0.950 / 11 (362 texts), all splits together. Rounds four and five (18 g- and 20 h- files, the
# next session) scored 0.893 / 0.962 / 0.920 / 1 and 0.889 / 0.787 / 0.896 / 5 on their own before the rules they
# prompted; a cold plunge tub's shipping page is the fourth tune highlight on other texts. Round six (20 i- files,
# mainstream treatments named in passing) scored 0.792 / 0.900 / 0.845 / 4 alone; its held-out eight (0.768 recall:
# "anti-depressants" with a hyphen, "ozone treatment", "TMS" as plural devices) took the held-out floors down.
# Round seven (20 j- files: generic and slang names, Spanish, forums) scored 0.544 / 0.884 / 0.838 / 5 alone.
# Rounds eight and nine (20 k- files: everyday names, agency warnings, false friends; 20 l- files: one treatment for
# proven and unproven uses, metaphors) scored 0.768 / 0.777 / 0.945 / 18 and 0.910 / 0.910 / 0.714 / 3 alone, and
# took the whole corpus from 0.911 / 0.959 / 0.949 / 5 to 0.903 / 0.947 / 0.935 / 25. Rounds ten and eleven (20 m-
# files: mainstream advice and news, Mayo's HRT page, statins, a vet's dewormer; 20 n- files: the alternative-health
# web, black salve, chelation clinics, ozone in Portuguese, and its look-alikes) scored 0.789 / 0.843 / 0.884 / 13 and
# 0.771 / 0.911 / 0.877 / 1 alone. Rounds twelve and thirteen (20 o- files, all false friends from golf to coal-oil
# lamps; 20 p- files mixing senses: a charity polar plunge beside cold plunges, vets' ivermectin, a rapper called
# Billy Botox, ozone "therapy" for cars) scored 23 highlights on their 20 other texts and 0.682 / 0.492 / 0.667 / 13
# alone. Rounds fourteen and fifteen (20 q- files where animals and people meet and names with other senses; 20 r-
# files naming one treatment for a proven and an unproven use) scored 0.654 / 0.540 / 0.765 / 22 and 0.928 / 0.892 /
# 0.767 / 8 alone; most of their highlights on other texts are in the held-out third (25 of 26 after the rules
# their tune third prompted). Round sixteen (20 s- files, a plain sample of everyday sources, not aimed at any
# weakness) scored 0.982 / 0.794 / 0.556 / 2 alone: the names are found, the verdicts are the weak part (castor oil
# packs' wellness claims, uses the KB lacks). Round seventeen (20 t- false-friend texts on names the corpus had few
# of: Velo, TB4, DMT, LDN, NRT, Valerian the emperor, Black cohosh in a shade garden) put 14 highlights on them alone.
# Round eighteen (20 u- false-friend texts: a Penicillin cocktail, plant cryotherapy, flue-gas sodium bicarbonate,
# a cholecalciferol rodenticide, the B17 bomber, homeopathy in winemaking) put 22 highlights on them alone (12 on
# its 11 tune texts, 10 on its 9 held-out ones); the rules its tune part prompted left 2 of the 12.
# Round nineteen (20 v- health texts: a measles fact-check, FDA chelator warnings, NICE's vitamin D advice,
# metformin for longevity, Spanish homeopathy, Portuguese ivermectin) scored 0.753 / 0.870 / 0.916 / 0 alone.
# Round twenty (20 w- false-friend texts in new categories: Apache Ozone, a limited-slip LSD, HMS Valerian, a drag
# queen called Detox, melatonin implants for ewes, insulin for cats, Bahia's TCM) put 6 highlights on them alone.
# Round twenty-one (20 y- false-friend texts from everyday pages: berberine as a dye, a café's drip bar, the Kava
# coin, ubiquinol in Spanish biology notes, a band called Sunblock) put 21 highlights on them alone (18 on its 13
# tune texts, 3 on its 7 held-out ones); the rules its tune part prompted left 1 of the 18.
# Round twenty-two (20 x- health texts naming one treatment for different uses: ketamine clinics and club drugs,
# HBOT for autism, PRP for hair and knees, psilocybin retreats, Portuguese ivermectin) scored 0.868 / 0.893 / 0.641 / 0
# alone: the verdict is the weak part, and its texts took the agreement floors down.
# Round twenty-three (20 z- false-friend texts where only animals, plants or materials are treated: salmon farms,
# bee vaccines, equine shock-wave therapy, vitamin D3 in fish feed, cereal ingredient lists) put 29 highlights on
# them alone (16 on its 11 tune texts). A review of this session's rules then narrowed `material_cues` to words
# health writing never uses ("a new crop of clinics" is about people), which gave back 4 tune highlights: the
# precision floors record both.
# Round twenty-four (20 za- health texts, a plain sample of everyday reading: CDC on RSV, NCCIH on turmeric, a
# pharmacist's column, Marie Claire on Botox, Mumsnet on HRT, Spanish collagen) scored 0.695 / 0.943 / 0.963 / 0
# alone: names were missed, not misread (bare "turmeric", Spanish "colágeno", the RSV vaccine); its tune part went
# from 0.679 to 0.901 recall with the KB names and uses it prompted.
# Rounds twenty-five and twenty-six, plain samples again (20 zb- health texts: a pharmacist's allergy page, a Dr K
# column, Spanish and Portuguese cold remedies, a first-Botox blog; 20 zc- everyday non-health pages: golf, a reef
# tank, ramen, a cordless drill review, a heat wave "virtual sauna") scored 0.924 / 0.982 / 0.873 / 0 and put 5
# highlights on the 20 other texts (all 5 on its held-out part), alone.
# A second review then took back rules that silenced real sentences or calmed risky ones ('fillet' as an animal word,
# plant descriptions as global substance cues, bare 'pregnancy' as an RSV word, 'a wide range of conditions' as a
# clinic claim): the fish-feed page's 8 highlights came back, and the tune floor with them.
# Round twenty-seven, a plain sample from places not yet sampled (20 zd- health texts: Irish, Australian, South
# African, New Zealand, Indian and Canadian news, a med spa, Puerto Rican "sueritos", Portuguese medical cannabis)
# scored 0.717 / 0.973 / 0.859 / 0 alone; Spanish and Portuguese names were most of the misses.
# Round twenty-eight, a plain sample in Spanish and Portuguese (20 zf- texts: El Mundo on ibuprofen, Anvisa on
# weight-loss pens, Público on unconventional therapies, Chilean flu vaccination, Madrid's CBD shops) scored
# 0.468 / 0.855 / 0.661 / 0 alone: the KB's names and use words were mostly English. With Spanish and Portuguese
# names and use words for the entries it named, its tune part scored 0.905 / 0.918 / 0.761; its held-out part
# (0.48 recall) took the held-out recall floor down.
# Round twenty-nine, a plain sample of non-health pages again (20 ze- texts: a grounded Boeing, voters who
# "exercise their franchise", road salt, Led Zeppelin IV, Hangzhou's HGH airport code, antibiotics in Mexican honey and
# Brazilian poultry) put 7 highlights on them alone (all on its 17 tune texts); 4 are left (essential oils in a
# homemade cleaner, an ice bath for beer wort: the other sense is named only in other sentences).
# Round thirty, a plain sample of forums and Q&A boards (20 zg- threads: Menopause Matters, MedHelp, HealthUnlocked,
# a workers' compensation board on ESIs, a spinal fusion Q&A, r/covidlonghaulers) scored 0.557 / 0.852 / 0.857 / 0
# alone: forum names ("fusion", "cryo", "ESI's", "anti depressants", "Uterogestan"); its tune part went to 0.788 /
# 0.935 / 0.756 with the names it prompted.
# The next session's rounds, alone at the commit before the rules each prompted: 20 zh- health news texts (UK, US,
# Canada, Australia, India, 2025-26) 0.848 / 0.927 / 0.809; 20 zi- false-friend texts where an animal, a crop or a
# material is treated (a dog's rapamycin trial, horses' reiki, kratom plantations, paracetamol synthesis, Oracle's
# LDOM) 44 highlights at the session's start and 32 after its first rule (a text naming an animal patient and no
# person is about the animal), then 17; 20 zj- Spanish and Portuguese health texts 0.489 / 1.000 / 0.609 (names and
# use words again); 12 zk- science texts where the name is the body's or food's substance 6 highlights (8 business
# stories were dropped: a drug named in sales news is the drug); 20 zl- English forum threads 0.721 / 1.000 / 0.694.
# Spanish and Portuguese names and use words for 53 entries, drafted without reading the corpus, took the held-out
# third from 0.835 / 0.866 / 0.858 to 0.858 / 0.868 / 0.887 with its 72 highlights on other texts unchanged.
# A reviewer then found the animal-text rule silencing doses beside a pet named once ("Drink MMS every hour. Keep it
# away from pets."); it now needs an animal named twice, by a word with no everyday other sense (not PET, calf, herd),
# which gave back 9 tune and 11 held-out highlights on other texts (a fish-feed trial names its fish once).
# A last round, 20 zm- Spanish and Portuguese texts where nothing is a treatment (salon "bótox capilar", a water
# works' dióxido de cloro, a citrus-oil industry, "vitaminas" in a cosmetic) put 13 highlights on them alone (10 on
# its 14 tune texts); the Spanish and Portuguese not_when words and the run-together fix it prompted left 3.
# The session after added 400 texts in twenty rounds, each scored alone at the commit before the rules it prompted:
# celebrity and lifestyle stories (zn-, zq-) 0.912 / 0.895 / 0.712 and 0.913 / 0.949 / 0.777; enforcement and court
# news (zp-) 0.885 / 0.886 / 0.860; wellness blogs (zr-) 0.714 / 0.847 / 0.840; Spanish and Portuguese health (zt-)
# 0.714 / 0.833 / 0.900, after Spanish and Portuguese use words for 155 entries drafted blind; health news from Africa
# and Asia (zu-) 0.588 / 0.939 / 0.701; local health news (zv-) 0.787 / 0.946 / 0.914; patient information pages
# (zx-) 0.828 / 0.888 / 0.881; fact-checks (zy-) 0.904 / 0.994 / 0.950; parenting and pregnancy (zz-) 0.752 / 0.965 /
# 0.866; cancer treatment choices (zzb-) 0.811 / 0.957 / 0.895; men's fitness (zza-) 0.811 / 0.858 / 0.689; GLP-1
# drugs (zze-) 0.991 / 1.000 / 0.806; English forums (zzd-) 0.726 / 0.951 / 0.922; supplements (zzg-) 0.991 / 0.919 /
# 0.939; and texts where nothing is a treatment: culture, sport and entertainment (zo-) 7 highlights, home and garden
# (zs-) 32, then 7, ordinary news with look-alike abbreviations (zw-) 1, Spanish and Portuguese ordinary news (zzc-) 5,
# then 1, pet and veterinary care (zzf-) 30, then 21. On the 1,012 texts of the session's start the annotator went
# from 0.898 / 0.911 / 0.910 / 136 to 0.900 / 0.920 / 0.912 / 103 (held out 0.858 / 0.859 / 0.887 / 84 to 0.860 /
# 0.867 / 0.888 / 73); the 400 new texts read 0.859 / 0.908 / 0.860 / 36 together at the end.
# The next session's first rules: red light therapy's recovery and wellness use put one more highlight on a held-out
# pet clinic's cold laser page (80 -> 81; a tune pet page lost one). That session added 160 texts in eight rounds,
# each scored alone before the rules it prompted: medical tourism (zzh-) 0.613 / 0.725 / 0.789; 2026 health news
# (zzj-) 0.827 / 0.931 / 0.988; clinic pages (zzk-) 0.883 / 0.948 / 0.940; biohacking (zzm-) 0.621 / 0.906 / 0.818;
# tabloids (zzn-) 0.848 / 0.913 / 0.833; Spanish and Portuguese health (zzo-) 0.812 / 0.932 / 0.707; look-alike
# names in ordinary texts (zzi-) 6 highlights, then 0; science writing (zzl-) 21, then 13 (11 of them held out).
# Four more that session: English forums (zzq-) 0.672 / 0.963 / 0.590; Asian and African health news (zzr-) 0.648 /
# 0.971 / 0.912; ordinary established medicines (zzs-) 0.870 / 0.979 / 0.950; recipes and food (zzp-, nothing a
# treatment) 17 highlights, 16 of them on held-out texts. Then food and drink (zzt-) 3 highlights (all held out);
# more forums on alternative treatments (zzu-) 0.808 / 0.966 / 0.738; celebrity stories (zzv-) 0.912 / 0.954 / 0.660;
# Spanish and Portuguese texts where nothing is a treatment (zzw-) 11 highlights, then 3 (the 8 on tune texts fixed).
# Then home cooking (zzx-) 4 highlights; pet care (zzy-) 38, 28 after a rule prompted by earlier rounds (animals
# named three times as often as people); wellness magazines (zzz-) 0.786 / 0.895 / 0.805; regulators' pages (zzzb-)
# 0.821 / 0.875 / 0.882. Last, US local news (zzzc-) 0.864 / 0.905 / 0.937 (its levels, written as evidence words,
# corrected to its uses' levels); Spanish and Portuguese forums (zzzd-) 0.648 / 0.958 / 0.739; South Asian traditional
# medicine (zzzf-) 0.523 / 0.912 / 0.886; drug seizures (zzze-, nothing a treatment) 53 highlights, 45 after the
# contraband rule, which keeps products with no proven use highlighted (police busts of psilocybin, LSD, MDMA).
# The next session's rounds, alone before the rules they prompted: plain 2025-26 health news (zzzg-) 0.931 / 0.923 /
# 0.861; look-alike words in ordinary texts (zzzh-: a boxer's jab, songs called "Paracetamol" and "Lithium", the
# ozone layer) 16 highlights, then 5; menopause and testosterone pages (zzzi-) 0.552 / 0.894 / 0.931, its labels
# counting bare "tablets", "patches" and hormone names (its held-out seven took the held-out recall floor down);
# pharmacy news from five countries (zzzj-) 0.886 / 0.979 / 0.828. A drug-bust rule (a page dense with police and
# customs words) took the highlights on other texts from 82 and 145 to 64 and 129. Business news about drug makers
# (zzzk-, nothing a treatment: earnings reports, mergers, lawsuits between firms) put 71 highlights alone, 15 after a
# rule for pages dense with company and market words. An independent review then found both page rules silencing real
# health texts (a NICE story's "guidance", "deal" and "maker"; "trimestre" in a pregnancy guide; black salve seized by
# police): the company words were cut to those with no health sense, and a product whose card is a danger stays
# highlighted wherever it is seized, as the contraband rule already said; that put the highlights on other texts
# back to 83 and 148 (kratom seizures, the lighter business stories). Then, alone: GLP-1 forums (zzzl-) 0.890 /
# 0.953 / 0.864; news on clinics selling treatments (zzzn-) 0.787 / 0.890 / 0.797; social-media wellness trends
# (zzzm-) 0.925 / 0.912 / 0.911; Spanish and Portuguese texts where nothing is a treatment (zzzp-) 18 highlights, 4
# after; Spanish health news (zzzo-) 0.733 / 0.902 / 0.964; alternative cancer treatments (zzzq-) 0.793 / 0.959 /
# 0.986; advice columns (zzzr-) 0.935 / 0.973 / 0.889; English health news from South Asia and Africa (zzzs-) 0.802 /
# 0.863 / 0.790; English forums (zzzt-) 0.797 / 0.900 / 0.905; community and local news, nothing a treatment (zzzu-)
# 7 highlights, 5 after; Portuguese health news (zzzv-) 0.787 / 0.924 / 0.941; science and technology texts, nothing a
# treatment (zzzx-) 7 highlights, 2 after; supplement news (zzzy-) 0.798 / 0.826 / 0.800. A second independent review
# found the late rules too eager (a clinic's "Stem Cell Therapy Programme" read as a body's name, "Kratum" refused as a
# typo, words counted twice toward a page kind): their fixes cost 4 more highlights on held-out other texts (153).
# Last, alone: US national health news (zzzz-) 0.832 / 0.922 / 0.872; Spanish and Portuguese forums (zzzzb-) 0.753 /
# 0.932 / 0.909; crime and court news, nothing a treatment (zzzzc-) 7 highlights, 2 after.
# The session after, alone at its start: health news from Australia, New Zealand and Canada (zzzzd-) 0.759 / 0.854 /
# 0.878; mental-health treatments (zzzze-) 0.908 / 0.970 / 0.899; entertainment, nothing a treatment (zzzzf-) 4
# highlights; children's health (zzzzg-) 0.954 / 0.976 / 0.782; pain and joint forums (zzzzh-) 0.802 / 1.000 / 0.832;
# acronyms and places, nothing a treatment (zzzzi-) 6 highlights, 5 of them held out (Eurovision's TRT, Special K
# cereal), which took the held-out floor on other texts to 160; world health news (zzzzj-) 0.816 / 0.947 / 0.831;
# cosmetic treatments (zzzzk-) 0.793 / 0.918 / 0.841. Then supplement forums and blogs (zzzzl-) 0.893 / 0.924 / 0.734;
# Latin American Spanish health news (zzzzm-) 0.692 / 0.882 / 0.622; Brazilian and Portuguese health news (zzzzn-)
# 0.575 / 0.971 / 0.739; food writing, nothing a treatment (zzzzo-) 9 highlights, 2 after (a plant's Latin name read
# as the supplement, a recipe's "1 tsp apple cider vinegar"); US local news (zzzzp-) 0.962 / 0.926 / 0.893; herbal and
# traditional medicine in African and South Asian news (zzzzq-) 0.543 / 0.943 / 1.000; history and literature, nothing
# a treatment (zzzzr-) 1 highlight; hormone pages (zzzzs-) 0.661 / 0.852 / 0.881. Then cancer patients' blogs and forums
# (zzzzt-) 0.650 / 0.918 / 0.873; Indian health news (zzzzu-) 0.877 / 0.935 / 0.900; environment and energy news,
# nothing a treatment (zzzzv-) 3 highlights, 2 after; drug safety news (zzzzw-) 0.960 / 0.922 / 0.789; Spanish health
# news from Spain (zzzzx-) 0.882 / 1.000 / 0.911; skincare reviews, nothing a treatment (zzzzy-) 36 highlights, 16
# after (its tune part 20 -> 1; its held-out 15, face creams' collagen and serums' vitamin C, took the held-out floor
# on other texts to 175); African health news (zzzzz-) 0.702 / 0.922 / 0.763. An independent review then found
# some of the session's rules silencing dangerous mentions (a dose in teaspoons of borax, a scare-quoted "Ozempic"
# on a page naming an album, a plant's Latin name in a cancer hoax, a claim in a firm's Title-Case headline, "not a
# vaccine" in an anti-vaccine claim): their fixes gave back 4 highlights on tune other texts (92) and 1 held out
# (176), and tune precision 0.928 -> 0.927. Last, alone: English forums (zzzzza-) 0.930 / 0.979 / 0.978; wellness
# magazines (zzzzzb-) 0.791 / 0.912 / 0.833; technology writing, nothing a treatment (zzzzzc-: the Parallel Redundancy
# Protocol's PRP, NAD amplifiers) 4 highlights, 1 after; diabetes forums (zzzzzd-) 0.876 / 0.981 / 0.858; fact checks
# (zzzzze-) 0.776 / 0.976 / 0.699; Spanish forums and blogs (zzzzzf-) 0.813 / 0.937 / 0.946; pet and veterinary pages,
# nothing a treatment for people (zzzzzg-) 16 highlights, 10 of them tune, which with the technology round took the
# floors on other texts to 103 and 182 (a vet's cold laser for cats, glucosamine for senior dogs: pages that name
# owners as often as animals). A second independent review found more of the session's rules too eager (a decline
# in kratom use read as the body's level, bare "serum" silencing IV vitamin C, firm words in a support group's name, a
# copy word reaching a genuine brand across "urge patients to"): their fixes took the tune floor on other texts to 105.
# Next session, alone at its start (5abe2a4): city, property, shipping and finance news, nothing a treatment (zzzzo-*:
# Sydney CBD, MSC, profit-related pay, Turkey's TRT, a boxer's jab) 1 highlight ("not taking advantage": the idiom's
# -ing form was missing), 0 after. Then, alone at 5abe2a4: UK tabloids (zzzzzh-) 0.941 / 0.975 / 0.775; Portugal's
# health news (zzzzzi-) 0.683 / 0.889 / 0.893; gardening and farming, nothing a treatment for people (zzzzzj-: fire
# blight sprays, a crop "vaccination") 6 highlights, 2 tune; bodybuilding (zzzzzk-) 0.868 / 0.892 / 0.788; sleep
# (zzzzzl-) 0.810 / 0.922 / 0.851; fertility and IVF add-ons (zzzzzm-) 0.786 / 0.825 / 0.636; medical tourism
# (zzzzzn-) 0.857 / 0.845 / 0.917; autism, long COVID and chronic Lyme (zzzzzp-) 0.840 / 0.977 / 0.667. Their uses
# the KB lacks (progesterone against miscarriage, GLP-1s for bodybuilders, fertility add-ons) took the tune
# agreement floor to 0.885; castor oil's laxative use, Lyme disease among the antibiotics' bacterial uses and long
# courses for "chronic Lyme" (danger) gave some back. Six more, alone at 5abe2a4: question-and-answer threads on
# weight loss (zzzzzq-) 0.837 / 0.987 / 0.714; eye, ear, dental and skin (zzzzzr-) 0.878 / 0.955 / 0.631; science and
# biology news, nothing a treatment for people (zzzzzs-: psilocybin's evolution, NMN in old mice, vaccine candidates
# in hamsters) 42 highlights, 30 tune; athletes' treatments (zzzzzt-) 0.614 / 0.956 / 0.814; drug prices and
# shortages (zzzzzu-) 0.935 / 0.990 / 0.990; Spanish-language US media (zzzzzv-) 0.726 / 0.840 / 0.918. A text on
# research in laboratory animals that names no person, "another term" (a `not_when` phrase that takes in the name
# silences only that word, not "prolonged fasting"), Spanish and Portuguese resistance phrases, and brand names
# (minocycline, "nature's metformin") gave some back; acne antibiotics and bodybuilders' uses the KB lacks took the tune
# agreement floor to 0.88. Cooking, brewing and household pages, nothing a treatment (zzzzzx-: a Penicillin
# cocktail, Irish moss to clear beer, a vinegar SCOBY, castor oil in soap) put 14 highlights on them alone, 3 after
# not_when phrases and soap-making words (a held-out Penicillin cocktail fixed too): tune floor on other texts 129,
# held out 191. Brazilian health news (zzzzzza-) 0.652 / 1.000 / 0.655 alone: Portuguese names for vitamin drips and
# rectal ozone, and a beautician ("esteticista") as an unlicensed botox injector, took its tune part from 0.635 /
# 1.000 / 0.575 to 0.730 / 1.000 / 0.696 (a held-out Spanish drip name fixed too).
# Menopause and men's health (zzzzw-*) 0.867 / 0.902 / 0.883; 2024-26 wellness trends (zzzzzy-) 0.867 / 0.881 /
# 0.913; cancer patients choosing between treatments (zzzzzz-) 0.697 / 0.991 / 0.880, whose prostate-cancer words
# ("androgen deprivation", "external beam radiation", plural "hormonal therapies") took its tune recall 0.690 -> 0.760.
# An independent review then tried the session's rules with sentences of its own and found real harm, all fixed by
# taking the rule out: the laboratory-animal rule silenced dosing sentences in forum posts and news that cite mouse
# studies but use no word from person_cues ("Take ivermectin at 1 mg/kg daily", "Members buy DCA powder online"),
# and idioms ("the rat race", mosquito "larvae"); "release of *" silenced drugs released from stockpiles and bans;
# "taking care"/"taking action" took the cue from "Taking care of my cancer naturally: castor oil"; "long-term
# antibiotics" and "months of antibiotics" called TB and leprosy treatment chronic-Lyme danger, and plain "Lyme
# disease" called 18 months of IV antibiotics for Lyme established (only Lyme's own words name that use now);
# "bowel movements" made castor oil drunk to start labour an established laxative; nose, forehead and brow made
# fillers there established; Toradol and ketorolac, taken daily for a year, were calm. Floors after the fixes: tune
# recall 0.865, on other texts 135 tune and 192 held out.
# Then, alone at 5abe2a4: parents' pages (zzzzzzb-) 0.883 / 0.911 / 0.890; crime, courts, weather and transport news,
# nothing a treatment (zzzzzzc-: a ketamine seizure, Ford Fusion recalls, a ransomware "vaccine") 0 highlights;
# arthritis and back pain (zzzzzzd-) 0.805 / 0.918 / 0.963; South Asian health news (zzzzzze-) 0.744 / 0.914 /
# 0.953, whose "fairness creams", Ayurvedic products and ofloxacin took its tune part from 0.653 / 0.842 to 0.816 /
# 0.889; horse, farm, zoo and wildlife pages (zzzzzzg-) 37 highlights alone and still 37 (vets call the animals
# "patients" and name owners: the category left alone), which took the floors on other texts to 164 and 199.
# Regulators' warnings and rulings (zzzzzf-*) 0.846 / 0.936 / 0.682 alone: a compound that says who leads
# ("Doctor-Led Treatments") is no LED therapy, and "whitening cream" names skin lighteners.
# Last, alone at 5abe2a4: celebrity treatment stories (zzzzzzh-) 0.857 / 0.960 / 0.781; games, songs, sport and TV,
# nothing a treatment (zzzzzzi-: a racehorse called Botox Has, a golfer's cupped wrist, Nirvana's "Lithium") 7
# highlights, 6 after golf words; vitamins and supplements news (health/zzzzzj-*) 0.905 / 0.890 / 0.829. A bare
# "hospital" among IV drips' hospital-use words made "checked into hospital after a vitamin drip" the calm hospital
# use (taken out: "banana bag", "given in hospital"). Floors: tune agreement 0.875, on other texts 166 and 203.
# A second independent review found more harm in the session's later words, each taken out or narrowed and its
# sentences pinned: "Congress" as a body's word silenced "briefed Congress on Ozempic copies sold online"; "short
# course" made antibiotics for a cold established; Botox's brow words and fillers' temples, cheekbones and mouth
# corners beat the unlicensed-injector words; castor oil's constipation use (dropped) was calm for toddlers and daily
# use; "whitening cream" flagged teeth whitening; "resistencia a *" is also reluctance; "-LED" after any word silenced
# "red-LED therapy" (now only after a word that leads: "doctor-led"); bare "beer" silenced sea moss.
# Next session, alone at its start (774d1b9): pain and addiction (zzzzzzk-) 0.814 / 0.934 / 0.614, where "but" in
# the FDA's own Spravato notice ("adults who have tried other medicines but have not benefited") took the approved
# verdict away (a "but" that only repeats a use no longer does, when the mention is the brand); metaphors and other
# fields, nothing a treatment (zzzzzzl-: a game's 'Morphine', a law firm's “ESI”, a boxer's jabs) 8 highlights, 7
# after the quoted acronym; supplements in consumer media (zzzzzzm-) 0.919 / 0.797 / 0.853, whose vitamin D "to cut
# the risk of falls" and against fractures (the USPSTF's 2024 draft advises against it) showed the calm bone-health
# verdict: 0.931 agreement after a new use (taken out after the second review, below); Australia, New Zealand, Canada and Ireland (zzzzzzn-) 0.837 / 0.893 /
# 0.824; alternative cancer claims and their debunking (zzzzzzo-) 0.830 / 0.912 / 0.925; museums, bees, pools and
# the ozone layer, nothing a treatment (zzzzzzp-) 11 highlights, 7 after hot-tub water and aquariums as materials
# (both taken out after the reviews, below; a fish-oil lamp fuel left: "as a fuel" is also said of ketones). Nutrients described, not taken ("melatonin content
# can vary", "creatine ... converts to creatinine") took the tune precision floor to 0.915; the rounds' held-out
# other texts the held-out floor on other texts to 215. A bare "bloodroot" (ambiguous: also a wildflower) found 7 tune
# black-salve mentions and put one on a page that explains black salve ("made from the bloodroot herb"): 169.
# Then, alone at 774d1b9: everyday medicines (zzzzzzq-: statins, metformin, aspirin, insulin prices, inhalers)
# 0.897 / 1.000 / 0.854, 0.925 recall after statin brands and a lower-case "ssri"; Latin American Spanish health
# news (zzzzzzr-) 0.859 / 0.955 / 0.852, 0.902 agreement after Spanish wellness words for vitamin drips; medical
# words as metaphors, nothing a treatment (zzzzzzs-: the economy "hooked on morphine", "shock therapy", "just like a
# course of antibiotics") 12 highlights, left: a simile reads as a mention, and a column about the economy names
# patients and doctors; pregnancy and breastfeeding (zzzzzzt-) 0.937 / 0.920 / 0.904. The metaphors took the
# floors on other texts to 177 and 218. This session's independent review then found real harm in its rules, each
# fixed and its sentences pinned: "but" with no break before it had stopped setting uses apart for any brand-like
# name ("stem cell transplants, which are used for blood cancers, but there is no evidence they help autism" turned
# established; now a "but" sets uses apart after a comma or dash, or before a use's words not said before it); a bare
# "fracture" or "risk of falls" put vitamin D's new falls warning on rickets, osteoporosis and the housebound advice
# (the use is now named only by the claim in healthy people, and those conditions are bone-health words); material
# cues for pool, spa and tub water silenced whole spa and bath-time pages and "Xanax bars ... in the pool water"
# (taken out; hydrogen peroxide's not_when names hot tubs and pools instead); substance cues for a plant described
# and "bodies make" silenced "kava ... marketed for anxiety" and melatonin given to children (taken out, which gave
# back a held-out "our bodies produce less collagen": 219); a hyphen typed with spaces ended "Delta - 8 THC"; bare
# "Solpadeine" named codeine-free products.
# Last, alone at 774d1b9: skin, hair and aesthetics (zzzzzzu-) 0.938 / 0.946 / 0.774, 0.811 agreement after skin
# words for exosomes' beauty use (texture, pigmentation, topical); wine, perfume, engine oil, brewing, a chemistry
# class, nothing a treatment (zzzzzzv-) 14 highlights, 4 after lab words (melting point, recrystallized: an
# acetaminophen synthesis); Brazilian and Portuguese health news (zzzzzzw-) 0.792 / 0.987 / 0.763, 0.776 after
# Portuguese copy words ("falsificação de canetas de Ozempic"). A second independent review found more harm, and the
# rules were taken out: a comma-less "but" no longer set uses apart ("Some parents try chelation on autistic
# children but chelation is meant for heavy metal poisoning" turned established: the session start's rule is back,
# and the FDA's Spravato notice is wrong again); the falls-and-fractures words still beat osteoporosis ("My GP
# prescribed vitamin D because I have osteoporosis and a high risk of falling": the use is out); hydrogen peroxide's
# hot-tub not_when silenced "food-grade hydrogen peroxide ... in your bath or hot tub to detox"; "acetic anhydride" and
# "melting point" silenced delta-8 THC and kratom. The hot-tub page and the acetaminophen synthesis came back: floors
# on other texts 194 and 220.
# Next session, sixteen rounds, each alone at 4b4439b and then at the end (recall / precision / agreement, or
# highlights on texts where nothing is a treatment): men's health, TRT and SARMs (zzzzzzx-) 0.882 / 0.942 / 0.959,
# unchanged; karts' castor oil, ozone water plants, game potions (zzzzzzy-) 10, 10; South Asian and African medicine
# news (zzzzzzz-) 0.742 / 0.978 / 0.809, 0.876 with a use for antibiotics bought without a prescription; weight-loss
# drugs (zzzzzzza-) 0.980 / 0.967 / 0.717, 0.766 with semaglutide's alcohol use disorder trial; game items, songs,
# medical similes, an aspirin plant (zzzzzzzb-) 21, 21; menopause hormones (zzzzzzzc-) 0.688 / 0.938 / 0.962, 0.727
# recall with HRT brands; everyday health news (zzzzzzzd-) 0.879 / 0.972 / 1.000, unchanged; everyday pages
# (zzzzzzze-) 4, 4; Spanish health news (zzzzzzzf-) 0.800 / 0.898 / 0.955, 0.907 / 0.966; athletes' treatments
# (zzzzzzzg-) 0.696 / 0.967 / 0.793, unchanged; history, museums, materials (zzzzzzzh-: 14 texts; six court and
# share-price pages were left out, a drug named in a lawsuit being still a treatment named) 7, 7; cancer patients
# (zzzzzzzi-) 0.764 / 1.000 / 0.992, 0.790 recall with targeted drugs' names; Brazilian and Portuguese pages
# (zzzzzzzj-) 0.884 / 0.894 / 0.726, 0.905 / 0.915 / 0.709; forums (zzzzzzzk-) 0.856 / 0.906 / 0.779, unchanged;
# Spanish and Portuguese pages with nothing a treatment (zzzzzzzl-) 15, 11; children's medicines (zzzzzzzm-)
# 0.890 / 0.966 / 0.805, 0.921 / 0.967 / 0.889 with codeine cough and cold medicines for children (the EMA's 2015
# ban). Three independent reviews found real harm in the session's changes, each taken out and its sentences pinned:
# bodybuilding, muscle and steroid-cycle words for testosterone beat hypogonadism and gender-affirming care;
# "papermaking", "treatment facility", "gallons of water" and "producción de *" silenced chlorine dioxide and ozone
# clinics; "zoo", "elephants", "guinea pig", "big fish", "cold fish" and "horse race" mislaid animal patients or
# keepers who drank MMS; body-substance phrases ("made by the body", "found naturally in", "el cuerpo necesita")
# silenced melatonin given to children; Toradol, imatinib and an acne use put calm cards on pre-game shots, failed
# trials and antibiotics taken alone for years; Spanish "crioterapia" put the cold chamber's card on cervical-cancer
# cryotherapy; broad COVID and alcohol phrases beat bacterial pneumonia and diabetes. What stayed: an animal word in
# one of the KB's idioms ("used as guinea pigs", "a cattle call") is no animal patient. Three last rounds were added
# without acting on them: aesthetic and wellness clinics (zzzzzzzn-) 0.869 / 0.950 / 0.832; mental-health treatments
# (zzzzzzzo-) 0.932 / 0.958 / 0.906; pet, horse and farm pages where only animals are treated (zzzzzzzp-) 17
# highlights on 20 texts, which took the tune floor on other texts to 239. Floors on other texts 239 and 244.
# Next session, alone at its start (d042d1f): supplements and nutrition (zzzzzzzq-) 0.855 / 0.831 / 0.831; cleaning,
# brewing, bike stems, a band called Ketamine, nothing a treatment (zzzzzzzr-) 4 highlights; older adults' treatments
# (zzzzzzzs-) 0.677 / 0.847 / 0.873; celebrity wellness (zzzzzzzt-) 0.758 / 0.924 / 0.866; fertility and IVF add-ons
# (zzzzzzzu-) 0.768 / 0.930 / 0.679; biology and science pages, nothing a treatment (zzzzzzzv-) 15 highlights;
# African and Asian health news (zzzzzzzw-) 0.754 / 0.957 / 0.955; supplement and hormone explainers (zzzzzzzx-,
# pages that define the body's substance, then sell or advise the supplement) 0.863 / 0.565 / 0.768, which took the
# tune precision floor to 0.910; cooking pages (zzzzzzzy-) 17 highlights; everyday conditions (zzzzzzzz-) 0.796 /
# 0.886 / 0.718; Spanish and Portuguese supplement pages (zzzzzzzza-) 0.790 / 0.901 / 0.875; local news (zzzzzzzzb-)
# 2 highlights on 20. What stayed: names (muthi, mkorogo, Testoviron, Kenalog's hay fever jab as a warning use on
# the ASA and MHRA's 2022 notice, Spanish vitamin-drip, Myers and steroid-injection names), black seed's botanical
# name as ambiguous, allergen immunotherapy's own phrases in cancer immunotherapy's not_when. Four independent reviews
# found harm in the rest, all taken out and pinned as tests: "lotion",
# "ointment", "clinical study" as cues; "turn back the clock", "fountain of youth", "biological age" for stem cells;
# cannabis creams (they took the licensed pills' uses); a sentence that says what kind of substance a name is
# ("Magnesium is an essential mineral": it fixed 16 findings, but "DNP is a molecule that melts fat" and "MMS is a
# mineral that clears parasites" are claims); "expression of *", "* synthesis", "breakdown of *" as measures ("a
# breakdown of semaglutide prices" online, chlorine dioxide "synthesis kits"); black seed's spice words; hay fever
# words beating a knee injection; "peanut", "warts" and "hay fever" silencing Keytruda's side effects, and
# "dermatologists" a cold chamber's claims. Floors on other texts 256 and 257.
# Next session, alone at its start (1a5b8ac), then at its end: long COVID, ME/CFS and fibromyalgia (zzzzzzzzc-)
# 0.706 / 0.913 / 0.548, then 0.731 / 0.916 / 0.621 with long COVID uses on the FTC's 2020 letters (ozone, IV drips)
# and a 2021 review (nicotine patches); acronyms and words that look like treatments, nothing a treatment
# (zzzzzzzzd-: CBD in property news, NAD the Namibian dollar, Henry IV, MSC shipping) 0 highlights; medical tourism
# (zzzzzzzze-) 0.885 / 0.920 / 0.891, 0.904 / 0.922 / 0.872; autism and ADHD (zzzzzzzzf-) 0.818 / 0.966 / 0.938,
# 0.898 / 0.969 / 0.935 with UK methylphenidate generics; medicine explainers from national health services
# (zzzzzzzzg-) 0.837 / 0.969 / 0.974, 0.848; immunology, wastewater and lab pages, nothing a treatment (zzzzzzzzh-)
# 1 highlight, 0 after "matrix effects" as a material cue; regulators in Asia and Africa
# (zzzzzzzzi-, mostly held out) 0.564 / 0.885 / 0.864, unchanged; dental treatments (zzzzzzzzj-) 0.946 / 0.957 /
# 0.625, 0.705 with antibiotics' toothache use (the ADA's 2019 guideline; dental words for painkillers came and went).
# A review found bare "covid" as a use word put the long COVID warning on smokers quitting in the pandemic and
# ozone's danger on disinfected classrooms, and Panamax, gamma globulin and "stimulant medication" on ships, lab
# results and caffeine: the uses now take only phrases that name them, those names need a cue, and each sentence
# is a test. Then: coughs and colds (zzzzzzzzk-) 0.787 / 0.934 / 0.976, unchanged; household and hobby chemicals,
# nothing a treatment (zzzzzzzzl-: colloidal silver in colour film, borax, lye soap) 14 highlights, unchanged;
# periods, PCOS and endometriosis (zzzzzzzzm-) 0.836 / 0.991 / 0.869, 0.852 with US NSAID brands; hair loss and
# prostate (zzzzzzzzn-) 0.912 / 0.974 / 0.702, 0.944 / 0.975 / 0.754 with hair-loss uses for saw palmetto and
# microneedling (a 2020 review, a 2025 meta-analysis); sleep (zzzzzzzzo-) 0.821 / 0.972 / 0.913, 0.893 / 0.974 /
# 0.933 with CBTi; sports, business and politics metaphors, nothing a treatment (zzzzzzzzp-) 2 highlights ("a shot
# of Obama botox"), unchanged; diabetes cures (zzzzzzzzq-) 0.919 / 0.929 / 0.797, unchanged ("diabetics" as
# insulin's use word took it to 0.861, but also matched "non-diabetic": out after the fourth review). A second
# review found the toothache use on spreading infections, "smoked" giving never-smokers the quitting use, dental
# words calming a paracetamol overdose and opioids' diversion, specific immunoglobulins (anti-D, rabies) read as
# IVIG, and lab instruments' names silencing sellers' claims: the toothache use now takes only phrases that give
# antibiotics for the pain, those words and the instruments are out, and each sentence is a test. A third review
# found photographic and soap-making words (tried as material cues for the film and soap pages) silencing "colloidal
# silver cures cancer" and essential-oil cure claims, "tooth extraction" calming a paracetamol overdose, "hair
# growth" reading beard growth and a side effect as hair loss, and "immunoglobulin levels" silencing IVIG: all out,
# each sentence a test. Still wrong, left: "antibiotics for tooth pain, facial swelling and fever" shows the
# toothache warning. Eye treatments (zzzzzzzzr-, most not in the KB) 0.636 / 1.000 / 0.571, unchanged (castor oil in
# the eyes for cataracts: still no national authority's page); physics and engineering pages, nothing a treatment
# (zzzzzzzzs-) 1 highlight (a submarine escape-testing hyperbaric chamber). A fourth review found "fall asleep" and
# "sleeping pills" beating CBT's named use, "diabetic" matching "non-diabetic" (insulin murder, bodybuilding) and
# "facial swelling" taking allergy and angioedema: all out, each sentence a test. Last, wellness-influencer trends
# (zzzzzzzzt-) 0.792 / 0.913 / 0.750 alone, whose "anti-sunscreen crowd" showed sunscreen's card: a name after
# "anti-" is set against, like "non-opioid" (3 false positives fixed, one held out; "I am not anti-vaccination"
# lost a labelled mention); a fifth review found claims made against the critics ("ignore the anti-ivermectin crowd;
# it cured my cancer") silenced, so a sentence that names one of the treatment's claims keeps it. Measured at the
# end, not acted on: chronic pain (zzzzzzzzu-) 0.881 / 0.990 / 0.677 and psychedelic and ketamine treatments
# (zzzzzzzzv-) 0.926 / 0.906 / 0.929. Floors on other texts 267 and 263 (the new rounds' own highlights).
# Session 34: a word right after "non-" names no use ("sold to non-smokers", "chronic non-cancer pain"); a bare
# "surgery" or "radiation" is the cancer treatment as an item of a list beside chemotherapy and the like
# (lists.py): 25 misses found, and on other texts 2 tune and 1 held-out highlight more, all in political
# allegories whose "chemotherapy" was already highlighted (floors 269 and 264). Six blind rounds, each scored
# alone at the session's start code (04cf202), recall / precision / agreement or highlights on other texts:
# alternative cancer treatments (zzzzzzzzw-) 0.685 / 0.956 / 0.920; cooking, food and farming, nothing a treatment
# (zzzzzzzzx-: tea cupping, kombucha, ramen's alkaline water) 7; weight-loss drugs (zzzzzzzzy-) 0.966 / 0.958 /
# 0.684 (a law firm's list of sellers' claims the FDA flagged, "the same ingredient in Wegovy & Ozempic", labelled
# as copies: 20 wrong verdicts, left); sports medicine (zzzzzzzzz-) 0.833 / 0.842 / 0.800; children's treatments
# (zzzzzzzzza-) 0.812 / 0.963 / 0.846; music, film and fashion, nothing a treatment (zzzzzzzzzb-: the band
# Chemotherapy, the film Botox, turmeric-coloured clothes) 17. A name before "-coloured" is a colour, and
# band-naming and film words are arts cues. Tune agreement 0.874 with the new texts (floor 0.873). Five more
# rounds: hormone treatments (zzzzzzzzzc-) 0.807 / 0.939 / 0.855; biology, nothing a treatment (zzzzzzzzzd-:
# collagen in photodamaged skin, insulin in fruit flies, the ozone hole) 14; mental health (zzzzzzzzze-) 0.872 /
# 0.942 / 0.885; skin and cosmetic treatments (zzzzzzzzzf-) 0.900 / 0.967 / 0.880; business and law, nothing a
# treatment (zzzzzzzzzg-: the Botox trademark, tariffs on ibuprofen) 28. Measures of the body's own substance
# ("collagen fragmentation", "insulin secretion", "CoQ10 synthesis") and trademark, patent and tariff words as
# business cues took 14 off (none added); floors on other texts 307 and 272.
# Ten more: regenerative clinics (zzzzzzzzzh-) 0.766 / 0.790 / 0.776, then 0.797 / 0.823 / 0.784 with the
# Spanish names of Muse cells; acronyms in computing, logistics and government, nothing a treatment (zzzzzzzzzi-) 0;
# longevity (zzzzzzzzzj-) 0.857 / 0.945 / 0.892; Spanish and Portuguese news (zzzzzzzzzk-) 0.879 / 0.953 / 0.833;
# places, horses, ships and shops, nothing a treatment (zzzzzzzzzl-) 4; COVID and long COVID treatments
# (zzzzzzzzzm-) 0.910 / 0.978 / 0.879; detoxes and cleanses (zzzzzzzzzn-) 0.533 / 0.727 / 0.703, then 0.775 / 0.869
# / 0.763 with their products' names (held out 0.800 / 0.960 / 0.958, never acted on); industry and the
# laboratory, nothing a treatment (zzzzzzzzzo-: sodium chlorite bleaching textiles, borax flux, kerosene heaters)
# 29, 26 with fumigation, soldering and staining as material cues ("bleaching" and "textile" tried and dropped:
# they silenced "chlorine dioxide, a powerful bleaching agent" and "the textile dye" methylene blue); arthritis
# (zzzzzzzzzp-) 0.857 / 0.946 / 0.917; pregnancy and fertility (zzzzzzzzzq-) 0.862 / 0.987 / 0.880. A second
# review found "cupping seminar" (cupping's not_when) silencing a hijama seminar, the business cues (trademark,
# patents, tariffs) silencing dosing claims on "Big Pharma can't patent it" pages, "rock band" and "feature film"
# silencing sellers, "Chamomilla" on herbal tea and "Skin Pen" on a surgeon's marker: all out. A third found bare
# "never smoked" giving quitting smokers the warning, "I've been using *" lighting grout cleaning, and "staining",
# "fumigant" and "flux" silencing colloidal silver, chlorine dioxide and HRT: narrowed or out (its tested patch).
# Floors on other texts 324 and 293.
# Session 35: six blind rounds, each scored alone at the session's start code (36f7823): celebrity and lifestyle
# news (zzzzzzzzzr-) 0.931 / 0.880 / 0.852; science and environment, nothing a treatment (zzzzzzzzzs-: fluorite,
# chlorine dioxide in a water plant, melatonin in robins) 7; forums on off-label and DIY treatments (zzzzzzzzzt-)
# 0.752 / 0.958 / 0.923; regulators' warnings (zzzzzzzzzu-) 0.794 / 0.910 / 0.728; sports, games and technology,
# nothing a treatment (zzzzzzzzzv-: the HBOT token, the Cryo damage type, Detox the test framework) 11; chronic
# disease in older adults (zzzzzzzzzw-) 0.938 / 0.964 / 0.698 (statins, vitamin D and the shingles vaccine for
# dementia: uses the KB lacks). A word with another chemical ending is another compound ("fluorite"), a business's
# name is a body ("Seattle Stem Cell Center", "Patanjali Ayurved Ltd"), a title that names a treatment and its use
# makes every mention meant, crypto words are finance cues: tune agreement 0.872 with the new texts. Four more:
# wellness trends (zzzzzzzzzx-) 0.897 / 0.873 / 0.708; traditional remedies in Asia, Africa, the Caribbean and the
# Gulf (zzzzzzzzzy-) 0.728 / 0.974 / 0.520 (black seed oil's cure-all and COVID claims: a use the KB lacks);
# household, garden and kitchen pages, nothing a treatment (zzzzzzzzzz-: borax cleaners, cider-vinegar fly traps,
# cleaning sprays with essential oils) 16, then 8; dental, eye and ear (zzzzzzzzzza-) 0.830 / 0.957 / 0.909. A title
# that names the other sense makes every mention need a use or a cue; a page titled for copies reads a copy word
# anywhere in the sentence; claims beyond a proven treatment's uses (statins and the shingles vaccine against
# dementia) are `claim: true`, so a bare "statins" stays established. Economic and political metaphors, nothing a
# treatment (zzzzzzzzzzc-: QE as morphine, "brand botox", Spanish and Portuguese columns prescribing "quimioterapia"
# or "antibiótico" for the economy) 20 alone, not acted on; cancer patients' stories (zzzzzzzzzzb-) 0.553 / 0.984 /
# 1.000 alone, 0.535 with the narrower list rule ("go for surgery or radiotherapy" on a prostate clinic's page that
# names the cancer in another paragraph; most misses are a bare "surgery" outside any list, "I needed surgery").
# A first review of the session's rules found business words (Clinic, Centre, LLC) as body words silencing clinics'
# own claims ("the Miami Stem Cell Center says its injections cure knee arthritis"): out, so 18 business names are
# carded again; long drug names misspelt with another chemical ending ("semaglutine") are the drug again; a colour
# needs a product after it; a list of nothing but treatments after a lead that names the cancer is one ("She had
# surgery and chemotherapy"); MMS sellers' "kills Cryptosporidium" is kept. Floors on other texts 338 and 300.
# (*: four researchers reused an older round's prefix, so zzzzo- (city news), zzzzw- (menopause), zzzzzf-
# (regulators) and zzzzzj- (vitamins, in health/; gardening in other/) each hold files of two rounds.)
# Session 36: two blind rounds, each scored alone at the session's start code (c0c132b): everyday, off-label and
# unproven uses of common drugs and supplements (zzzzzzzzzzd-) 0.874 / 0.962 / 0.608, the KB lacking most of the
# uses; business news, nothing a treatment (zzzzzzzzzze-: bankruptcies, layoffs, deals) 28. A treatment's name inside
# a business's name is the firm unless its sentence names a use, a claim or people having it there; a title that
# names a business event makes a short story a business report; 35 sourced uses the corpus showed the KB lacked
# (tune agreement 0.874 to 0.891 on the start corpus, held out 0.862 to 0.871; the new round's held-out half 0.565 to
# 0.783). A review found calm cards the new words gave (aspirin for children with flu, chelation for lead poisoning
# as "detox", vitamin D for people with heart disease or breast cancer as prevention) and a title's "sales" or
# "lawsuit" silencing death stories: fixed, each a test. Two more rounds added without acting on them: children's
# medicines as parents meet them (zzzzzzzzzzf-) 0.933 / 1.000 / 0.937 alone at the start code, 0.946 at the end;
# food and nutrition writing, nothing a treatment (zzzzzzzzzzg-: vitamin D in mackerel, colostrum pudding) 15, 15;
# then a food's content ("high in zinc", "rich in magnesium") became a measure_cues frame: 11. Floors on other
# texts 351 and 318.
FLOORS = {
    "tune": {"recall": 0.865, "precision": 0.910, "agreement": 0.885, "on_other": 351},
    "heldout": {"recall": 0.825, "precision": 0.885, "agreement": 0.865, "on_other": 318},
}


@pytest.fixture(scope="module")
def scores(kb):
    result, errors = evaluate(CORPUS, kb)
    assert errors == []
    return result


def test_the_corpus_is_big_enough_and_split_by_name(scores):
    assert len(list((CORPUS / "health").glob("*.yaml"))) >= 80
    assert len(list((CORPUS / "other").glob("*.yaml"))) >= 40
    held = sum(split_of(p.name) == "heldout" for p in CORPUS.rglob("*.yaml"))
    assert 0.2 < held / scores["all"].texts < 0.4


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_scores_stay_above_their_floors(scores, split):
    s, floor = scores[split], FLOORS[split]
    assert s.recall >= floor["recall"] and s.precision >= floor["precision"] \
        and s.agreement >= floor["agreement"], s.to_dict()
    assert s.on_other <= floor["on_other"], [f for f in s.findings if f.file.startswith("other/")]


def _corpus(tmp_path, health, other):
    for folder, text in (("health", health), ("other", other)):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "one.yaml").write_text(text)
    return tmp_path


HEALTH = """url: https://example.org/a
text: |
  She took ivermectin for her COVID-19 last winter.

  Her sister tried acupuncture.
mentions:
  - {exact: ivermectin, treatment: ivermectin, use: COVID-19, level: warning}
  - {exact: acupuncture, treatment: acupuncture, use: none, level: danger}
"""
OTHER = """url: https://example.org/b
text: |
  Traffic in the Sydney CBD was heavy.
mentions: []
false_friends:
  - {exact: CBD, looks_like: cbd, note: central business district}
"""


def test_the_report_lists_scores_and_every_finding(tmp_path):
    corpus = _corpus(tmp_path, HEALTH, OTHER)
    out = subprocess.run([sys.executable, "-m", "caveat.annotator", "eval", str(corpus)], capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stderr
    assert "recall" in out.stdout and "WRONG VERDICTS (1)" in out.stdout
    assert "[acupuncture] acupuncture, expected danger" in out.stdout
    data = json.loads(subprocess.run([sys.executable, "-m", "caveat.annotator", "eval", str(corpus), "--json"],
                                     capture_output=True, text=True).stdout)
    assert data["all"]["mentions"] == 2 and data["all"]["found"] == 2 and data["all"]["verdicts_agree"] == 1
    assert data["all"]["highlights_on_other_texts"] == 0


@pytest.mark.parametrize("label, message", [
    ("{exact: ivermectine, treatment: ivermectin, level: warning}", "'ivermectine' is not in the text"),
    ("{exact: ivermectin, nth: 3, treatment: ivermectin, level: warning}", "occurs 1 time(s)"),
    ("{treatment: ivermectin}", "needs `exact`"),
    ("{exact: ivermectin, treatment: ivermectin, level: unproven}", "level 'unproven' is not one of"),
])
def test_a_malformed_label_is_named_and_the_run_fails(tmp_path, label, message):
    corpus = _corpus(tmp_path, HEALTH.replace("{exact: ivermectin, treatment: ivermectin, use: COVID-19, level: "
                                              "warning}", label), OTHER)
    out = subprocess.run([sys.executable, "-m", "caveat.annotator", "eval", str(corpus)], capture_output=True,
                         text=True)
    assert out.returncode == 1 and "health/one.yaml: mentions[0]" in out.stderr and message in out.stderr
