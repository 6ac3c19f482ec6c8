"""The national authorities whose pages a `regulator`, `agency` or `guideline` source may come from.

A verdict a reader trusts must rest on a body that answers for it nationally: a medicines regulator, a national
public-health agency or institute, a national guideline body, or a national medical society's guideline. The list is
explicit, host by host, because a suffix says nothing about who speaks: `*.nhs.uk` also holds GP practices and
hospital trusts, `*.gov.uk` local councils, `*.gov` state departments. A host counts when it is listed, or when it is
`www.` plus a listed host, or when a listed `*.host` covers it. Add a host here in a reviewed pull request, with the
body's name; docs/knowledge-base.md explains the rule to maintainers.

Archived copies (the Wayback Machine, the U.S. government web archive) are judged by the address they archive.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

NATIONAL_AUTHORITIES: dict[str, str] = {
    # United States
    "*.fda.gov": "U.S. Food and Drug Administration",
    "ftc.gov": "U.S. Federal Trade Commission",
    "consumer.ftc.gov": "U.S. Federal Trade Commission (consumer advice)",
    "dea.gov": "U.S. Drug Enforcement Administration",
    "*.cdc.gov": "U.S. Centers for Disease Control and Prevention",
    "*.nih.gov": "U.S. National Institutes of Health (NCCIH, ODS, NIA, NLM's DailyMed and others)",
    "cancer.gov": "U.S. National Cancer Institute",
    "medlineplus.gov": "MedlinePlus (U.S. National Library of Medicine)",
    "clinicaltrials.gov": "ClinicalTrials.gov (U.S. National Library of Medicine)",
    "*.hhs.gov": "U.S. Department of Health and Human Services",
    "samhsa.gov": "U.S. Substance Abuse and Mental Health Services Administration",
    "*.ahrq.gov": "U.S. Agency for Healthcare Research and Quality",
    "cms.gov": "U.S. Centers for Medicare & Medicaid Services",
    "*.va.gov": "U.S. Department of Veterans Affairs (including its National Center for PTSD)",
    "uspreventiveservicestaskforce.org": "U.S. Preventive Services Task Force",
    "nap.edu": "U.S. National Academies Press",
    "nap.nationalacademies.org": "U.S. National Academies Press",
    "nationalacademies.org": "U.S. National Academies of Sciences, Engineering, and Medicine",
    "opss.org": "Operation Supplement Safety (U.S. Department of Defense dietary supplement resource)",
    # United Kingdom
    "gov.uk": "GOV.UK (MHRA, UKHSA, DHSC and other national bodies)",
    "assets.publishing.service.gov.uk": "GOV.UK publications",
    "mhra.gov.uk": "Medicines and Healthcare products Regulatory Agency",
    "asa.org.uk": "Advertising Standards Authority (the UK's advertising regulator, with CAP)",
    "*.food.gov.uk": "Food Standards Agency (including its Committee on Toxicity)",
    "nhs.uk": "NHS website (NHS England)",
    "england.nhs.uk": "NHS England",
    "medicinesresources.nhs.uk": "NHS Specialist Pharmacy Service",
    "sps.nhs.uk": "NHS Specialist Pharmacy Service",
    "111.wales.nhs.uk": "NHS 111 Wales",
    "nhsinform.scot": "NHS inform (Scotland)",
    "publichealthscotland.scot": "Public Health Scotland",
    "hps.scot.nhs.uk": "Health Protection Scotland",
    "shtg.scot": "Scottish Health Technologies Group",
    "*.nice.org.uk": "National Institute for Health and Care Excellence",
    "sign.ac.uk": "Scottish Intercollegiate Guidelines Network",
    "rcpsych.ac.uk": "Royal College of Psychiatrists",
    "aomrc.org.uk": "Academy of Medical Royal Colleges",
    # Europe
    "ema.europa.eu": "European Medicines Agency",
    "efsa.europa.eu": "European Food Safety Authority",
    "ecdc.europa.eu": "European Centre for Disease Prevention and Control",
    "*.ec.europa.eu": "European Commission",
    "hse.ie": "Health Service Executive (Ireland)",
    "hpra.ie": "Health Products Regulatory Authority (Ireland)",
    "fsai.ie": "Food Safety Authority of Ireland",
    "bfarm.de": "Federal Institute for Drugs and Medical Devices (Germany)",
    "rki.de": "Robert Koch Institute (Germany)",
    "iqwig.de": "Institute for Quality and Efficiency in Health Care (Germany)",
    "gesundheitsinformation.de": "IQWiG's health information (Germany)",
    "ansm.sante.fr": "French National Agency for Medicines and Health Products Safety",
    "has-sante.fr": "French National Authority for Health",
    "afmps.be": "Federal Agency for Medicines and Health Products (Belgium)",
    "fagg-afmps.be": "Federal Agency for Medicines and Health Products (Belgium)",
    "aemps.gob.es": "Spanish Agency of Medicines and Medical Devices",
    "aifa.gov.it": "Italian Medicines Agency",
    "rivm.nl": "National Institute for Public Health and the Environment (Netherlands)",
    "cbg-meb.nl": "Medicines Evaluation Board (Netherlands)",
    "lakemedelsverket.se": "Swedish Medical Products Agency",
    "swissmedic.ch": "Swissmedic",
    # International
    "*.who.int": "World Health Organization",
    "paho.org": "Pan American Health Organization",
    # Australia and New Zealand
    "tga.gov.au": "Therapeutic Goods Administration (Australia)",
    "health.gov.au": "Department of Health (Australia)",
    "nhmrc.gov.au": "National Health and Medical Research Council (Australia)",
    "healthdirect.gov.au": "healthdirect (Australian Government)",
    "medsafe.govt.nz": "Medsafe (New Zealand)",
    "health.govt.nz": "Ministry of Health (New Zealand)",
    "foodstandards.gov.au": "Food Standards Australia New Zealand (FSANZ)",
    "foodstandards.govt.nz": "Food Standards Australia New Zealand (FSANZ)",
    # Canada
    "canada.ca": "Government of Canada (Health Canada, PHAC)",
    "recalls-rappels.canada.ca": "Health Canada recalls and safety alerts",
    "canadiensensante.gc.ca": "Healthy Canadians (Health Canada)",
    "healthycanadians.gc.ca": "Healthy Canadians (Health Canada)",
    "cda-amc.ca": "Canada's Drug Agency",
    "cadth.ca": "Canada's Drug Agency (formerly CADTH)",
    # Asia and the Americas
    "drugoffice.gov.hk": "Drug Office, Department of Health (Hong Kong)",
    "cfs.gov.hk": "Centre for Food Safety (Hong Kong)",
    "hsa.gov.sg": "Health Sciences Authority (Singapore)",
    "pmda.go.jp": "Pharmaceuticals and Medical Devices Agency (Japan)",
    "mhlw.go.jp": "Ministry of Health, Labour and Welfare (Japan)",
    # National medical societies (their guidelines and position statements)
    "isscr.org": "International Society for Stem Cell Research",
    "aafp.org": "American Academy of Family Physicians",
    "aap.org": "American Academy of Pediatrics",
    "publications.aap.org": "American Academy of Pediatrics",
    "acog.org": "American College of Obstetricians and Gynecologists",
    "heart.org": "American Heart Association",
    "professional.heart.org": "American Heart Association",
    "cancer.org": "American Cancer Society",
    "aad.org": "American Academy of Dermatology",
    "diabetes.org": "American Diabetes Association",
    "ama-assn.org": "American Medical Association",
    "aaos.org": "American Academy of Orthopaedic Surgeons",
    "rheumatology.org": "American College of Rheumatology",
    "idsociety.org": "Infectious Diseases Society of America",
    "asco.org": "American Society of Clinical Oncology",
    "psychiatry.org": "American Psychiatric Association",
    "acep.org": "American College of Emergency Physicians",
    "uhms.org": "Undersea and Hyperbaric Medical Society",
    "asahq.org": "American Society of Anesthesiologists",
    "endocrine.org": "Endocrine Society",
    "aan.com": "American Academy of Neurology",
    "gastro.org": "American Gastroenterological Association",
    "*.cancerresearchuk.org": "Cancer Research UK",
    "macmillan.org.uk": "Macmillan Cancer Support",
    "versusarthritis.org": "Versus Arthritis",
}

# NLM's literature hosts sit under nih.gov but hold any paper: where a paper is published says nothing about who
# stands behind it, so a paper is cited by its DOI or PMID as a review, trial or article instead.
NOT_AUTHORITIES = frozenset({"ncbi.nlm.nih.gov", "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov"})

ARCHIVE_HOSTS = frozenset({"web.archive.org", "wayback.archive.org", "webarchive.library.unt.edu",
                           "cybercemetery.unt.edu", "wayback.archive-it.org", "public4.pagefreezer.com"})

_EXACT = frozenset(h for h in NATIONAL_AUTHORITIES if not h.startswith("*."))
_WITH_SUBDOMAINS = frozenset(h[2:] for h in NATIONAL_AUTHORITIES if h.startswith("*."))
_ARCHIVED = re.compile(r"(https?):/+(.+)", re.IGNORECASE)  # archives may squash "//" to "/"


def authority_of(url: str) -> str | None:
    """The national authority a page belongs to, by its address, or None."""
    host = _host(url)
    if host in ARCHIVE_HOSTS:
        archived = _ARCHIVED.search(urlsplit(url).path)
        return authority_of(f"{archived[1]}://{archived[2]}") if archived else None
    return _authority_of_host(host)


def _authority_of_host(host: str) -> str | None:
    bare = host.removeprefix("www.")
    if bare in NOT_AUTHORITIES:
        return None
    if bare in _EXACT:
        return NATIONAL_AUTHORITIES[bare]
    parts = bare.split(".")
    for i in range(len(parts)):
        parent = ".".join(parts[i:])
        if parent in _WITH_SUBDOMAINS:
            return NATIONAL_AUTHORITIES["*." + parent]
    return None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:  # e.g. "https://[bad": the schema pattern passes it; an address is not an authority
        return ""
