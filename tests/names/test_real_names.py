# ruff: noqa: E501  (tables of names: one case a line)
"""The names pipeline on real names, each with the CSL name expected.

Every row is (name as received, CSL name after :func:`normalise_contributor`). The
comment on each row names the corpus file it comes from (``../shared/corpus``, by
DOI-like file name); the blocks at the end come from the failure reports in issue 5.
"""

from __future__ import annotations

import pytest

from coprodcite.model import Contributor
from coprodcite.names import normalise_contributor

# fmt: off
CORPUS_NAMES = [
    # -- Well-formed names stay as they are (Crossref, DataCite, CSL-JSON corpus)
    ({"given": "Byung-Lip", "family": "Ahn"}, {"given": "Byung-Lip", "family": "Ahn"}),  # 10.1016_j.egypro.2014.11.997
    ({"given": "J.", "family": "Llinàs-Reglà"}, {"given": "J.", "family": "Llinàs-Reglà"}),  # 10.1016_j.archger.2015.01.020
    ({"given": "J.", "family": "Dyring"}, {"given": "J.", "family": "Dyring"}),  # 10.1103_physrevc.65.034009
    ({"given": "Ionel", "family": "Simbotin"}, {"given": "Ionel", "family": "Simbotin"}),  # 10.1103_physrevlett.88.133004
    ({"given": "Laurent", "family": "Orgéas"}, {"given": "Laurent", "family": "Orgéas"}),  # 10.1016_j.jmbbm.2014.09.003
    ({"given": "Junaid", "family": "Fukuta"}, {"given": "Junaid", "family": "Fukuta"}),  # 10.1016_j.ijsu.2014.10.016
    ({"given": "Gergely", "family": "Boros"}, {"given": "Gergely", "family": "Boros"}),  # 10.7717_peerj.8746.5d402246
    ({"given": "I.", "family": "Fischer"}, {"given": "I.", "family": "Fischer"}),  # 10.1103_physrevlett.87.243901
    ({"given": "Vladimir", "family": "Lyubushkin"}, {"given": "Vladimir", "family": "Lyubushkin"}),  # 10.17182_hepdata.87144.v1_t616
    ({"given": "Jose Luis", "family": "La Rosa Navarro"}, {"given": "Jose Luis", "family": "La Rosa Navarro"}),  # 10.17182_hepdata.87144.v1_t616
    ({"given": "C.", "family": "Di Natale"}, {"given": "C.", "family": "Di Natale"}),  # 10.1016_j.proche.2009.07.057
    ({"given": "Daniel H.", "family": "Wood"}, {"given": "Daniel H.", "family": "Wood"}),  # 10.7910_dvn_rdhjqz_r57hhu
    ({"given": "Andrew", "family": "Chegwidden"}, {"given": "Andrew", "family": "Chegwidden"}),  # 10.17182_hepdata.87144.v1_t616
    ({"given": "Kate", "family": "Harvey"}, {"given": "Kate", "family": "Harvey"}),  # 10.3390_md13010666
    # -- Initials written J. R. (Crossref and DataCite corpus)
    ({"given": "A.V.", "family": "Ivanov"}, {"given": "A. V.", "family": "Ivanov"}),  # 10.5517_ccdc.csd.cc1n7kp4
    ({"given": "Y.D.", "family": "Wong"}, {"given": "Y. D.", "family": "Wong"}),  # 10.1016_j.scs.2014.08.012
    ({"given": "M.A.", "family": "Blackberry"}, {"given": "M. A.", "family": "Blackberry"}),  # 10.1016_j.anireprosci.2015.03.003
    ({"given": "Luke T", "family": "Slater"}, {"given": "Luke T.", "family": "Slater"}),  # 10.1101_2020.05.16.099309
    ({"given": "Andrew N", "family": "Youdin"}, {"given": "Andrew N.", "family": "Youdin"}),  # 10.1093_mnras_stab2576
    ({"given": "F.E.", "family": "Wielgolaski"}, {"given": "F. E.", "family": "Wielgolaski"}),  # 10.1016_0304-4009(79)90008-1
    ({"given": "Vasiliki A", "family": "Mitsou"}, {"given": "Vasiliki A.", "family": "Mitsou"}),  # 10.17182_hepdata.87144.v1_t616
    ({"given": "J.P.", "family": "Brown"}, {"given": "J. P.", "family": "Brown"}),  # 10.1016_j.bone.2013.10.006
    ({"given": "E.R.", "family": "Worley"}, {"given": "E. R.", "family": "Worley"}),  # 10.1109_eosesd.1995.478263
    ({"given": "N.J.", "family": "FitzGerald"}, {"given": "N. J.", "family": "FitzGerald"}),  # 10.5517_cctjsz2
    ({"given": "J R C", "family": "Parkinson"}, {"given": "J. R. C.", "family": "Parkinson"}),  # 10.1038_ijo.2015.4
    ({"given": "H.B.", "family": "Brown"}, {"given": "H. B.", "family": "Brown"}),  # 10.1109_cdc.1991.261628
    ({"given": "V.E.", "family": "Bazhenov"}, {"given": "V. E.", "family": "Bazhenov"}),  # 10.1016_j.jma.2013.10.002
    ({"given": "Ludovic C", "family": "Gillet"}, {"given": "Ludovic C.", "family": "Gillet"}),  # 10.1038_nm.3807
    # -- Particles moved to non-dropping-particle (Crossref corpus)
    ({"given": "Sandra", "family": "van Beek"}, {"given": "Sandra", "family": "Beek", "non-dropping-particle": "van"}),  # 10.1007_s11205-010-9690-8
    ({"given": "Eduardo Leal de", "family": "Oliveira"}, {"given": "Eduardo Leal", "family": "Oliveira", "non-dropping-particle": "de"}),  # 10.1016_j.sbspro.2014.12.196
    ({"given": "D.", "family": "del Re"}, {"given": "D.", "family": "Re", "non-dropping-particle": "del"}),  # 10.1103_physrevlett.87.241803
    ({"given": "Joop", "family": "de Kraker"}, {"given": "Joop", "family": "Kraker", "non-dropping-particle": "de"}),  # 10.1145_3027385.3027428
    ({"given": "Ch.", "family": "de la Vaissière"}, {"given": "Ch.", "family": "Vaissière", "non-dropping-particle": "de la"}),  # 10.1103_physrevlett.87.241803
    ({"given": "Linda von", "family": "Hoene"}, {"given": "Linda", "family": "Hoene", "non-dropping-particle": "von"}),  # 10.1515_9783110889406.283
    ({"given": "Elda", "family": "de Oliveira"}, {"given": "Elda", "family": "Oliveira", "non-dropping-particle": "de"}),  # 10.36367_ntqr.13.2022.e667
    ({"given": "Emile", "family": "van Lieshout"}, {"given": "Emile", "family": "Lieshout", "non-dropping-particle": "van"}),  # 10.1098_rspb.2017.0132
    ({"given": "Gijs", "family": "van Soest"}, {"given": "Gijs", "family": "Soest", "non-dropping-particle": "van"}),  # 10.1103_physreve.65.047601
    ({"given": "Ellen", "family": "van der Werff"}, {"given": "Ellen", "family": "Werff", "non-dropping-particle": "van der"}),  # 10.1016_j.erss.2014.11.002
    ({"given": "José António Fonseca", "family": "de Oliveira Correia"}, {"given": "José António Fonseca", "family": "Oliveira Correia", "non-dropping-particle": "de"}),  # 10.1155_2021_5781753
    ({"given": "D.G.", "family": "de Klerk"}, {"given": "D. G.", "family": "Klerk", "non-dropping-particle": "de"}),  # 10.1016_j.ttbdis.2014.11.007
    ({"given": "W", "family": "de Boer"}, {"given": "W.", "family": "Boer", "non-dropping-particle": "de"}),  # 10.1016_s0300-2977(97)00056-9
    ({"given": "Rob", "family": "van Nieuwpoort"}, {"given": "Rob", "family": "Nieuwpoort", "non-dropping-particle": "van"}),  # 10.54900_9akm9y5-5ject5y
    # -- ALL-CAPS names recased (Crossref corpus, 1930s-2000s journals)
    ({"given": "C. R.", "family": "GIMPELEWICZ"}, {"given": "C. R.", "family": "Gimpelewicz"}),  # 10.1111_j.1742-1241.2006.01071.x
    ({"given": "Hajime", "family": "TAKAHASHI"}, {"given": "Hajime", "family": "Takahashi"}),  # 10.1271_bbb1961.51.2591
    ({"given": "KISHOR M.", "family": "WASAN"}, {"given": "Kishor M.", "family": "Wasan"}),  # 10.1111_j.1749-6632.1994.tb44242.x
    ({"given": "Maria Gabriela Bello", "family": "KOBLITZ"}, {"given": "Maria Gabriela Bello", "family": "Koblitz"}),  # 10.6084_m9.figshare.7676852
    ({"given": "E.", "family": "BRAMBRINK"}, {"given": "E.", "family": "Brambrink"}),  # 10.1017_s0263034602203249
    ({"given": "N.I.", "family": "DOVGAYA"}, {"given": "N. I.", "family": "Dovgaya"}),  # 10.1017_s0263034602211106
    ({"given": "XULIO", "family": "MASIDE"}, {"given": "Xulio", "family": "Maside"}),  # 10.1017_s0016672305007548
    ({"given": "CHARLES F.", "family": "SIMS"}, {"given": "Charles F.", "family": "Sims"}),  # 10.1001_archderm.1948.01520130066005
    ({"given": "Mohammed Oday", "family": "Al HAMDANI"}, {"given": "Mohammed Oday", "family": "Al Hamdani"}),  # 10.18535_ijsrm_v13i03.ah01
    ({"given": "JOHN P.", "family": "HEANEY"}, {"given": "John P.", "family": "Heaney"}),  # 10.1001_archsurg.1955.01270140127024
    ({"given": "M.", "family": "GIL"}, {"given": "M.", "family": "Gil"}),  # 10.1111_j.1742-1241.2006.01071.x
    ({"given": "P.", "family": "KUMAR"}, {"given": "P.", "family": "Kumar"}),  # 10.1002_chin.197423013
    ({"family": "Sun Jung KIM"}, {"family": "Sun Jung Kim"}),  # 10.16974_stlr.2009.15.3.006
    ({"given": "J. M.", "family": "CURRENCE"}, {"given": "J. M.", "family": "Currence"}),  # 10.47886_9781888569605.ch33
    # -- Organisations and groups stay whole literals (Crossref `name`, DataCite)
    ({"literal": "Bureau De L'Union Internationale Pour La Protection Des Oeuvres Littéraires Et Artistiques"}, {"literal": "Bureau De L'Union Internationale Pour La Protection Des Oeuvres Littéraires Et Artistiques"}),  # 10.34667_tind.38807
    ({"literal": "Leeworthy, Bob and Schwarzmann, Danielle"}, {"literal": "Leeworthy, Bob and Schwarzmann, Danielle"}),  # 10.7266_n7kh0krr
    ({"literal": "Pacific Northwest National Laboratory, Washington"}, {"literal": "Pacific Northwest National Laboratory, Washington"}),  # 10.1594_pangaea.841509
    ({"literal": "Urban & Vogel"}, {"literal": "Urban & Vogel"}),  # 10.1007_s15002-013-0459-8
    ({"literal": "PSI/Vietnam"}, {"literal": "PSI/Vietnam"}),  # 10.7910_dvn_gcblnh_tog38h
    ({"literal": "Faculdade de Medicina, Universidade de São Paulo (USP), Brasil"}, {"literal": "Faculdade de Medicina, Universidade de São Paulo (USP), Brasil"}),  # 10.36367_ntqr.13.2022.e667
    ({"literal": "Autodesk"}, {"literal": "Autodesk"}),  # 10.26301_qdpd-2250
    ({"literal": "Topcon"}, {"literal": "Topcon"}),  # 10.26301_qdpd-2250
    ({"literal": "Steinemann, Ernesto, Fotograf, -1968"}, {"literal": "Steinemann, Ernesto, Fotograf, -1968"}),  # 10.3932_ethz-a-000015765
    ({"literal": "GLIS Of The ITPGRFA"}, {"literal": "GLIS Of The ITPGRFA"}),  # 10.18730_yzfj
    ({"literal": "Verein Rheinisch-Westfälischer Augenärzte"}, {"literal": "Verein Rheinisch-Westfälischer Augenärzte"}),  # 10.3205_10rwa40
    ({"literal": "Kathryn D Huff"}, {"literal": "Kathryn D Huff"}),  # arxiv-joss-csl.raw
    ({"literal": "European Organization For Nuclear Research"}, {"literal": "European Organization For Nuclear Research"}),  # 10.5438_6423.f9114cf4
    ({"literal": "Jacob T Vanderplas"}, {"literal": "Jacob T Vanderplas"}),  # arxiv-joss-csl.raw
    # -- Suffixes moved to `suffix` (Crossref corpus)
    ({"given": "J. F.", "family": "Tomashefski", "suffix": "Jr"}, {"given": "J. F.", "family": "Tomashefski", "suffix": "Jr."}),  # 10.1111_cei.12138
    ({"given": "James R.", "family": "Langabeer II"}, {"given": "James R.", "family": "Langabeer", "suffix": "II"}),  # 10.1371_journal.pone.0236836
    ({"given": "Lawrence F.", "family": "Travis III"}, {"given": "Lawrence F.", "family": "Travis", "suffix": "III"}),  # 10.1080_07418825.2011.555413
    ({"given": "Thomas H.", "family": "Giddings Jr"}, {"given": "Thomas H.", "family": "Giddings", "suffix": "Jr."}),  # 10.1371_journal.pone.0145569
    ({"given": "Salvador A.", "family": "Loria Jr."}, {"given": "Salvador A.", "family": "Loria", "suffix": "Jr."}),  # 10.7719_irj.v4i1.304
    # -- Organisations sent as person parts become literals (Crossref, DataCite)
    ({"family": "Unknown"}, {"literal": "Unknown"}),  # 10.1163_9789004625945
    ({"given": "WSL", "family": "WOCE Sea Level"}, {"literal": "WSL WOCE Sea Level"}),  # 10.1594_pangaea.428086
    ({"given": "Eol-Datahelp@Ucar.Edu", "family": "EOL Data Support"}, {"literal": "Eol-Datahelp@Ucar.Edu EOL Data Support"}),  # 10.5065_d6fj2dsh
    ({"given": "Villanova University", "family": "Kim Paffenroth, Villanova University"}, {"literal": "Kim Paffenroth, Villanova University"}),  # 10.5771_9780739179192-69
    ({"family": "Climate Editorial Office"}, {"literal": "Climate Editorial Office"}),  # 10.3390_cli2010017
    ({"family": "International Monetary Fund"}, {"literal": "International Monetary Fund"}),  # 10.5089_9781616351847.011
    ({"family": "Publitec Publications"}, {"literal": "Publitec Publications"}),  # 10.1515_9783110945904
    ({"family": "the NOTES Development Group"}, {"literal": "the NOTES Development Group"}),  # 10.1016_j.gie.2007.03.120
    ({"given": "UOT", "family": "WOCE Upper Ocean Thermal"}, {"literal": "UOT WOCE Upper Ocean Thermal"}),  # 10.1594_pangaea.370239
    ({"family": "&NA;"}, {"literal": "&NA"}),  # 10.1097_jpo.0b013e31828bf72f
    ({"family": "RFC group"}, {"literal": "RFC group"}),  # 10.1016_b978-0-08-025697-9.50068-3
    ({"family": "Canadian Pain Society Study Day participants"}, {"literal": "Canadian Pain Society Study Day participants"}),  # 10.1155_2015_438597
    # -- Placeholders kept as literals, never dropped (DataCite corpus)
    ({"literal": "[Unknown]"}, {"literal": "[Unknown]"}),  # 10.23728_b2share.e0d9d6e791ad49d5acf65a1dcaf4f5e8
    ({"literal": "No Name Supplied"}, {"literal": "No Name Supplied"}),  # 10.7282_t3hq412t
    ({"literal": "(:Unap)"}, {"literal": "(:Unap)"}),  # 10.15122_isbn.978-2-8124-2915-6.p.0820
    ({"literal": "(:Null)"}, {"literal": "(:Null)"}),  # 10.14288_1.0351575
    ({"literal": "(:Tba)"}, {"literal": "(:Tba)"}),  # 10.13135_lca_bickerstisaac
    ({"literal": ":(unav)"}, {"literal": "(unav)"}),  # 10.1371_journal.pmed.0040177.g001
    ({"literal": "Unknown"}, {"literal": "Unknown"}),  # 10.25549_wpacards-m8107
    ({"literal": "Et Al."}, {"literal": "Et Al."}),  # 10.18462_iir.icr.2015.0926
    ({"literal": "Anonymous"}, {"literal": "Anonymous"}),  # 10.5281_zenodo.8027605
    ({"literal": "[S.N.]"}, {"literal": "[S.N.]"}),  # 10.5169_seals-628993
    ({"literal": "Unbekannt"}, {"literal": "Unbekannt"}),  # 10.7890_ethz-a-000508421
    ({"literal": "(:Unav)"}, {"literal": "(:Unav)"}),  # 10.7916_d8zc99fg
    ({"literal": "(:Unkn) Unknown"}, {"literal": "(:Unkn) Unknown"}),  # 10.26268_heal.uoi.4318
    # -- Mononyms kept (DataCite corpus: given name only)
    ({"given": "Ashley"}, {"family": "Ashley"}),  # 10.5281_zenodo.1296737
    ({"given": "Bonnie"}, {"family": "Bonnie"}),  # 10.5281_zenodo.1296737
    # -- A second sample of the corpus (Crossref, DataCite), drawn the same way
    ({"given": "Takwi", "family": "Nkyimbeng"}, {"given": "Takwi", "family": "Nkyimbeng"}),  # 10.1371_journal.pone.0073279
    ({"given": "Diogo", "family": "Coutinho"}, {"given": "Diogo", "family": "Coutinho"}),  # 10.52959_2021435372
    ({"given": "J. H. Erik", "family": "Andriessen"}, {"given": "J. H. Erik", "family": "Andriessen"}),  # 10.1007_978-1-4471-0067-6
    ({"given": "Vladislav", "family": "Simak"}, {"given": "Vladislav", "family": "Simak"}),  # 10.17182_hepdata.87144.v1_t616
    ({"given": "H.S.", "family": "Soares"}, {"given": "H. S.", "family": "Soares"}),  # 10.1016_j.ijppaw.2014.09.003
    ({"given": "Colin H.J.", "family": "Fox"}, {"given": "Colin H. J.", "family": "Fox"}),  # 10.4028_www.scientific.net_amm.5-6.493
    ({"given": "Santiago F", "family": "Elena"}, {"given": "Santiago F.", "family": "Elena"}),  # 10.1016_j.coviro.2014.07.003
    ({"given": "J örn Christian", "family": "Lange"}, {"given": "Jörn Christian", "family": "Lange"}),  # 10.17182_hepdata.87144.v1_t616: accent split off
    ({"given": "A.C.", "family": "Coelho"}, {"given": "A. C.", "family": "Coelho"}),  # 10.5517_ccqmxfn
    ({"given": "K.P.", "family": "Schuler"}, {"given": "K. P.", "family": "Schuler"}),  # 10.17182_hepdata.1432.v1_t21
    ({"given": "Maarten H.D.", "family": "Larmuseau"}, {"given": "Maarten H. D.", "family": "Larmuseau"}),  # 10.1016_j.fsigen.2014.04.002
    ({"given": "Arnoud", "family": "de Vooys"}, {"given": "Arnoud", "family": "Vooys", "non-dropping-particle": "de"}),  # 10.1063_1.474775
    ({"given": "Licinio", "family": "da Silva Portugal"}, {"given": "Licinio", "family": "Silva Portugal", "non-dropping-particle": "da"}),  # 10.1016_j.sbspro.2014.12.226
    ({"given": "Sabine", "family": "de Graaf"}, {"given": "Sabine", "family": "Graaf", "non-dropping-particle": "de"}),  # 10.1016_j.socscimed.2014.10.053
    ({"given": "Jan Dirk", "family": "van Elsas"}, {"given": "Jan Dirk", "family": "Elsas", "non-dropping-particle": "van"}),  # 10.1093_femsec_fiv167
    ({"given": "Gijsbertus T. J", "family": "van der Horst"}, {"given": "Gijsbertus T. J.", "family": "Horst", "non-dropping-particle": "van der"}),  # 10.1371_journal.pbio.0050002
    ({"given": "R.J.", "family": "GIBSON"}, {"given": "R. J.", "family": "Gibson"}),  # 10.1111_j.1755-0238.1997.tb00123.x
    ({"given": "M.", "family": "ZIMMERMANN"}, {"given": "M.", "family": "Zimmermann"}),  # 10.47886_9781888569605.ch33
    ({"given": "YUNSEON", "family": "CHOI"}, {"given": "Yunseon", "family": "Choi"}),  # 10.1142_9789812701527_0069
    ({"given": "Kazutoshi", "family": "ITO"}, {"given": "Kazutoshi", "family": "Ito"}),  # 10.1271_bbb1961.51.2591
    ({"given": "ROGER", "family": "STEVENS"}, {"given": "Roger", "family": "Stevens"}),  # 10.26179_5bf347dcb3cb6
    ({"given": "BRIAN", "family": "CHARLESWORTH"}, {"given": "Brian", "family": "Charlesworth"}),  # 10.1017_s0016672305007548
    ({"literal": "Public Library Of Science"}, {"literal": "Public Library Of Science"}),  # 10.5438_6423.f9114cf4
    ({"literal": "DEMOSCOPIA, Madrid"}, {"literal": "DEMOSCOPIA, Madrid"}),  # 10.4232_1.2745.8371e6c1
    ({"literal": "Global CMT Project"}, {"literal": "Global CMT Project"}),  # 10.17611_dp_9880476
    ({"literal": "Alfred Wegener Institute, Helmholtz Centre For Polar"}, {"literal": "Alfred Wegener Institute, Helmholtz Centre For Polar"}),  # 10.1594_pangaea.854160
    ({"literal": "O.M."}, {"literal": "O.M."}),  # 10.5169_seals-314104
    # -- CJK, Korean, Cyrillic, Thai and Arabic names (Crossref and DataCite corpus)
    ({"family": "김려실"}, {"family": "김려실"}),  # 10.17948_kscd.2014.11.41
    ({"family": "이명자"}, {"family": "이명자"}),  # crossref_list_items, Korean film journal
    ({"given": "Г. А.", "family": "Евстигнеева"}, {"given": "Г. А.", "family": "Евстигнеева"}),  # crossref_list_items
    ({"given": "А.В.", "family": "Ганичева"}, {"given": "А. В.", "family": "Ганичева"}),  # datacite
    ({"given": "خالد خليل", "family": "الظاهر"}, {"given": "خالد خليل", "family": "الظاهر"}),  # crossref_list_items
    ({"given": "Hiroyuki", "family": "KUSUMOTO"}, {"given": "Hiroyuki", "family": "Kusumoto"}),  # crossref
    ({"given": "B.YU.", "family": "SHARKOV"}, {"given": "B. Yu.", "family": "Sharkov"}),  # 10.1017_s0263034602203249
    ({"given": "A.YA.", "family": "FAENOV"}, {"given": "A. Ya.", "family": "Faenov"}),  # 10.1017_s0263034602203249
    ({"given": "I.YU.", "family": "SKOBELEV"}, {"given": "I. Yu.", "family": "Skobelev"}),  # 10.1017_s0263034602203249
    ({"family": "CHO MAN SOON"}, {"family": "Cho Man Soon"}),  # 10.17958_ksmt.13.2.201106.145
    # -- Particles in other places (Crossref and DataCite corpus)
    ({"given": "Miriam van", "family": "Staden"}, {"given": "Miriam", "family": "Staden", "non-dropping-particle": "van"}),  # crossref_list_items
    ({"given": "Jacson Nunes dos", "family": "Santos"}, {"given": "Jacson Nunes", "family": "Santos", "non-dropping-particle": "dos"}),  # crossref_list_items
    ({"given": "Harmen van der", "family": "Wilt"}, {"given": "Harmen", "family": "Wilt", "non-dropping-particle": "van der"}),  # crossref_list_items
    ({"given": "Giovanna Gomez", "family": "d’Ayala"}, {"given": "Giovanna Gomez", "family": "Ayala", "non-dropping-particle": "d’"}),  # crossref_list_items
    ({"given": "Eduardo", "family": "de la Torre-Escudero"}, {"given": "Eduardo", "family": "Torre-Escudero", "non-dropping-particle": "de la"}),  # crossref_list_items
    ({"given": "Tiff", "family": "Van Huysen"}, {"given": "Tiff", "family": "Van Huysen"}),  # capitalised: part of the family
    ({"given": "Frank R. Soto", "family": "delValle"}, {"given": "Frank R. Soto", "family": "delValle"}),  # crossref
    ({"given": "Jürgen Wolff", "family": "von Gudenberg"}, {"given": "Jürgen Wolff", "family": "Gudenberg", "non-dropping-particle": "von"}),  # crossref_list_items
    # -- Family-only and odd names (Crossref corpus)
    ({"family": "Sheherazade"}, {"family": "Sheherazade"}),  # crossref, mononym
    ({"family": "Govindjee"}, {"family": "Govindjee"}),  # crossref_list_items, mononym
    ({"family": "Ehtisham-ul-Haq"}, {"family": "Ehtisham-ul-Haq"}),  # crossref
    ({"family": "BROWNE, CAROLYN S."}, {"given": "Carolyn S.", "family": "Browne"}),  # 10.1306_00aa9ad4-1730-11d7-8645000102c1865d
    ({"family": "Michael E. Hohn, Donald W. Neal"}, {"family": "Michael E. Hohn, Donald W. Neal"}),  # two people: never split
    ({"given": "bell", "family": "hooks"}, {"given": "bell", "family": "hooks"}),  # lower case on purpose
    ({"given": "vaishali", "family": "patel"}, {"given": "vaishali", "family": "patel"}),  # crossref_list_items: never upper-cased
    ({"given": "Ebrahim", "family": "Damtew1"}, {"given": "Ebrahim", "family": "Damtew"}),  # footnote number
    ({"given": "Jose-M.", "family": "Perea-Ortega"}, {"given": "Jose-M.", "family": "Perea-Ortega"}),  # 10.1016_j.eswa.2012.12.084
    ({"given": "Norsiah Abd.", "family": "Aziz"}, {"given": "Norsiah Abd.", "family": "Aziz"}),  # 10.1016_j.erss.2014.12.007
    ({"given": "Xiong (Bill)", "family": "Yu"}, {"given": "Xiong (Bill)", "family": "Yu"}),  # crossref_list_items
    ({"given": "M.-C.", "family": "de Vernejoul"}, {"given": "M.-C.", "family": "Vernejoul", "non-dropping-particle": "de"}),  # crossref_list_items
    ({"given": "Robert Beale", "family": "Davis", "suffix": "Jr."}, {"given": "Robert Beale", "family": "Davis", "suffix": "Jr."}),  # crossref_list_items
    ({"given": "Shashi", "family": "Kapadia", "suffix": "M.D."}, {"given": "Shashi", "family": "Kapadia", "suffix": "M.D."}),  # crossref_list_items
]

#: the failure reports quoted in issue 5, each with the CSL name we want
FAILURE_REPORTS = [
    # "KELLY" turned into initials "K. E. L. L. Y."
    ({"given": "MEGAN", "family": "KELLY"}, {"given": "Megan", "family": "Kelly"}),
    ({"given": "J.", "family": "KELLY"}, {"given": "J.", "family": "Kelly"}),
    # an organisation cited as a person: "Council, E. R."
    ({"given": "European Research", "family": "Council"}, {"literal": "European Research Council"}),
    ({"given": "The GTEx", "family": "Consortium"}, {"literal": "The GTEx Consortium"}),
    # a group name split into two people
    ({"literal": "APPLAUSE Collaboration"}, {"literal": "APPLAUSE Collaboration"}),
    ({"given": "The Australian National", "family": "University"}, {"literal": "The Australian National University"}),
    # particles misplaced: "Vries, J. de."
    ({"given": "J.", "family": "de Vries"}, {"given": "J.", "family": "Vries", "non-dropping-particle": "de"}),
    ({"given": "J. de", "family": "Vries"}, {"given": "J.", "family": "Vries", "non-dropping-particle": "de"}),
    ({"given": "ANNE", "family": "VAN DER BERG"}, {"given": "Anne", "family": "Berg", "non-dropping-particle": "van der"}),
    # mononyms dropped or printed as ", H."
    ({"given": "H."}, {"family": "H."}),
    ({"given": "Homer"}, {"family": "Homer"}),
    # Chinese names reversed
    ({"given": "王", "family": "小明"}, {"given": "小明", "family": "王"}),
    ({"given": "小明", "family": "王"}, {"given": "小明", "family": "王"}),
    # recasing rules named in the issue
    ({"given": "MARY", "family": "MCDONALD"}, {"given": "Mary", "family": "McDonald"}),
    ({"given": "IAN", "family": "MACLEOD"}, {"given": "Ian", "family": "MacLeod"}),
    ({"given": "SEAN", "family": "O'NEILL"}, {"given": "Sean", "family": "O'Neill"}),
    ({"given": "JEAN-PIERRE", "family": "SMITH-JONES"}, {"given": "Jean-Pierre", "family": "Smith-Jones"}),
    ({"given": "ANA", "family": "MACHADO"}, {"given": "Ana", "family": "Machado"}),
    ({"given": "J.R.", "family": "Quill"}, {"given": "J. R.", "family": "Quill"}),
    ({"given": "J R", "family": "Quill"}, {"given": "J. R.", "family": "Quill"}),
    ({"given": "JR", "family": "Quill"}, {"given": "J. R.", "family": "Quill"}),
    ({"given": "Ada", "family": "Quill", "suffix": "jr"}, {"given": "Ada", "family": "Quill", "suffix": "Jr."}),
    ({"given": "Tomasz", "family": "Wren III"}, {"given": "Tomasz", "family": "Wren", "suffix": "III"}),
    ({"given": "Ahmed", "family": "al-Hakim"}, {"given": "Ahmed", "family": "Hakim", "non-dropping-particle": "al-"}),
]
# fmt: on


def _rows(table):
    return [pytest.param(inp, out, id=str(n)) for n, (inp, out) in enumerate(table)]


def test_there_are_at_least_150_real_names_from_the_corpus():
    assert len(CORPUS_NAMES) >= 150


@pytest.mark.parametrize(("received", "expected"), _rows(CORPUS_NAMES + FAILURE_REPORTS))
def test_real_name(received, expected):
    result = normalise_contributor(Contributor.from_json(received))
    assert result.to_csl() == expected
    assert result.original == {k: v for k, v in received.items()}
    assert normalise_contributor(result) == result  # idempotent
