"""Domains whose pages count as an *authority* source for `kb check`.

Every entry must cite at least one of these, so that a reader can see a verdict rests on a regulator, a public
health agency, a systematic review or a major medical society, not only on a news story. A page counts when its
host is one of these domains or a subdomain of one. PubMed/PMC hosting is deliberately absent: it hosts any paper,
so it says nothing about who reviewed the evidence.
"""

AUTHORITY_DOMAINS = frozenset({
    # regulators
    "fda.gov", "ftc.gov", "dea.gov", "ema.europa.eu", "efsa.europa.eu", "gov.uk", "tga.gov.au", "canada.ca",
    "hpra.ie", "bfarm.de", "ansm.sante.fr", "health.gov.au",
    # public health agencies and institutes
    "nih.gov", "cancer.gov", "medlineplus.gov", "cdc.gov", "hhs.gov", "samhsa.gov", "who.int", "nhs.uk",
    "nice.org.uk", "ecdc.europa.eu", "hse.ie",
    # systematic reviews
    "cochrane.org", "cochranelibrary.com",
    # professional and scientific societies
    "isscr.org", "aafp.org", "aap.org", "acog.org", "heart.org", "cancer.org", "aad.org", "diabetes.org",
    "ama-assn.org", "aaos.org", "rheumatology.org", "idsociety.org", "asco.org", "psychiatry.org",
    "acep.org", "uhms.org", "asahq.org", "painmed.org", "endocrine.org", "aan.com", "rcpsych.ac.uk",
    "versusarthritis.org", "cancerresearchuk.org", "macmillan.org.uk", "aga.org", "gastro.org",
    "nccih.nih.gov", "ods.od.nih.gov",
})

NON_AUTHORITY_HOSTS = frozenset({"ncbi.nlm.nih.gov", "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov"})


def is_authority(host: str) -> bool:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if host in NON_AUTHORITY_HOSTS:
        return False
    parts = host.split(".")
    return any(".".join(parts[i:]) in AUTHORITY_DOMAINS for i in range(len(parts)))
