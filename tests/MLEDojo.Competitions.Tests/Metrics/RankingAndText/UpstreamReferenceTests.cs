using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

/// <summary>
/// Each case scores a small synthetic frame with the competition's catalog entry (family + params) and compares it
/// with the value MLE-Dojo's own <c>evaluate</c> returned for the same frames after a CSV round trip
/// (Debian python3: numpy 1.24, pandas 1.5; python-Levenshtein replaced by an equivalent pure-Python DP).
/// The columns are given already aligned by id, as the scorer hands them over.
/// </summary>
public sealed class UpstreamReferenceTests
{
    [Fact]
    public void Whale_single_truth_map_at_5()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("Id", new string?[] { "w1", "w2", "w3", "new_whale", "w4", "w5", "w6" }, isSubmission: false)],
            [MetricColumn.FromTexts("Id", new string?[] { "w1 w2 w3", "x w2", "x y z v w3", "new_whale", "w4 w4 w4", "q r s t u w5", "w6 w6" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("whale-categorization-playground", input, 0.6714285714285715);
    }

    [Fact]
    public void Hotel_integer_answers_map_at_5()
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("hotel_id", new double[] { 11.0, 22.0, 33.0, 44.0, 55.0 }, isSubmission: false, isInteger: true)],
            [MetricColumn.FromTexts("hotel_id", new string?[] { "5 11", "22", "33 33 33", null, "1 2 3 4 55" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("hotel-id-2021-fgvc8", input, 0.54);
    }

    [Fact]
    public void Llm_science_exam_map_at_3()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("answer", new string?[] { "A", "B", "C", "D", "E" }, isSubmission: false)],
            [MetricColumn.FromTexts("answer", new string?[] { "A B C", "C B A", "D E C", "A B C", "E" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("kaggle-llm-science-exam", input, 0.5666666666666667);
    }

    [Fact]
    public void S3e13_strips_the_answer()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("prognosis", new string?[] { " Lyme_disease", "Malaria", "Zika", "Dengue" }, isSubmission: false)],
            [MetricColumn.FromTexts("prognosis", new string?[] { "Lyme_disease Zika", "Zika Dengue Malaria", "Dengue", "Malaria Zika Dengue Dengue" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("playground-series-s3e13", input, 0.41666666666666663);
    }

    [Fact]
    public void Hm_list_answers_map_at_12()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("prediction", new string?[] { "0108775015 0108775044 0110065001", "0200000001", "0300000001 0300000002", "0400000001 0400000001", null, "0600000001 0600000002 0600000003 0600000004 0600000005 0600000006 0600000007 0600000008 0600000009 0600000010 0600000011 0600000012 0600000013" }, isSubmission: false)],
            [MetricColumn.FromTexts("prediction", new string?[] { "0108775044 0999 0108775015", "0200000001 0200000001", null, "0400000001", null, "0600000013 0600000012 x 0600000001 0600000002 0600000003 0600000004 0600000005 0600000006 0600000007 0600000008 0600000009 0600000010" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("h-and-m-personalized-fashion-recommendations", input, 0.811066518358185);
    }

    [Fact]
    public void Text_normalization_accuracy_of_text()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("after", new string?[] { "one", "two", "3", null, "x" }, isSubmission: false)],
            [MetricColumn.FromTexts("after", new string?[] { "one", "2", "3", null, "X" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("text-normalization-challenge-english-language", input, 0.6);
    }

    [Fact]
    public void Text_normalization_integer_answer_against_float_prediction()
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("after", new double[] { 1.0, 2.0, 3.0, 4.0 }, isSubmission: false, isInteger: true)],
            [MetricColumn.FromNumbers("after", new double[] { 1.0, 2.5, 3.0, double.NaN }, isSubmission: true, isInteger: false)],
            MetricParameters.Empty);
        AssertCatalogScore("text-normalization-challenge-russian-language", input, 0.0);
    }

    [Fact]
    public void Imaterialist_raw_error_rate()
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("predicted", new double[] { 1.0, 2.0, 3.0, 4.0 }, isSubmission: false, isInteger: true)],
            [MetricColumn.FromNumbers("predicted", new double[] { 1.0, 3.0, 3.0, 5.0 }, isSubmission: true, isInteger: true)],
            MetricParameters.Empty);
        AssertCatalogScore("imaterialist-challenge-furniture-2018", input, 0.5);
    }

    [Fact]
    public void Imaterialist_text_prediction_never_matches_integers()
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("predicted", new double[] { 1.0, 2.0, 3.0, 4.0 }, isSubmission: false, isInteger: true)],
            [MetricColumn.FromTexts("predicted", new string?[] { "1 2", "2", "3", "4" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("imaterialist-challenge-furniture-2018", input, 1.0);
    }

    [Fact]
    public void Imaterialist_missing_prediction_is_an_error()
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("predicted", new double[] { 1.0, 2.0, 3.0, 4.0 }, isSubmission: false, isInteger: true)],
            [MetricColumn.FromNumbers("predicted", new double[] { 1.0, double.NaN, 3.0, 4.0 }, isSubmission: true, isInteger: false)],
            MetricParameters.Empty);
        AssertCatalogScore("imaterialist-challenge-furniture-2018", input, 0.25);
    }

    [Fact]
    public void Inaturalist_first_token_error_rate()
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("predicted", new double[] { 10.0, 20.0, 30.0, 40.0 }, isSubmission: false, isInteger: true)],
            [MetricColumn.FromTexts("predicted", new string?[] { "10 20", "21 20", "30", null }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("inaturalist-2019-fgvc6", input, 0.5);
    }

    [Fact]
    public void Billion_word_long_sentences_mean_distance()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("sentence", new string?[] { "elbcdkbpgbcmmchcmbdhblbhbeimedifdgkdcbgomjnnkihfhcipojnicdpmfjeombcjjkoncc ocbinilkankfdobgiehllocfnl em mklhecfehhaof iaemkjepbnlllldolbgcgnf", "jbdaedkacgle kkoddonooicedj ofpagpkeapic pkfkhpjhghlhgpokaa o gknkkchdhogjgoaokcdlgofmjc", "nlcffeaeneokeeaadpemgga giphj mebknpmpeeppanfaefeodbjppodbhg bdpnacnjppg npophp gnemdlnjchmcgideke enhdlofhfmpljmgkjckajnnaljpipcdhdc  bf em lepojc bfmc ac chc d", "ajm ebphdf bfgiipginpf ka baapgpohndmolpighjgelkbeac mfbclpihibnff na kjjhbigkfajlco pghpac celblaiihcpeljoeiebpmpeppahcabekdlnbaho ancpcpco c hghnolcoibgcej ieaobo dgoipinnndg", "coaincpn lggccep kep dkhoolafaonliemkljdjajjldgai kcllckm b dbieh mpjgkmalgcbmneiobefomjii  lhioldffcgpohnjnmeghcfjcjhk gamlmpgl jbo keppgc", "hllnmiaebmooaclpnnhdheepdncbaehbie pmddcipgl haain jhophhamibagomc hmkhobjmklgaipcgogighnh idofhombelbgaembbflnjdcfjgfpnbilkjnfda" }, isSubmission: false)],
            [MetricColumn.FromTexts("sentence", new string?[] { "elbcdkbpgbcmmchcmbdhblbhbeimedidgkdcbgomjnnkihfhcipojynicdpmfjeombcjjkoncc ocbiynilkankfdoygiehllocfnl em mklhecfehhaof ixemkjepbnlllldolbgcgnf", "jbdaydkyzle kkodonooicej ofxyagxpkepiczpyfkhpjhghlbhgpkbayaxo gknkkchdhogjzaoakdlgofmyc", "nlcffeaeneokeeaadpemgga giphj mebknpmpeeppanfaefeodbjppodbhg bdpnacnjppg npophp gnemdlnjchmcgideke enhdlofhfmxljmgkjckajnnaljpipcdhdc  bf exm lepojc bfmc ac chc d", "ajm ebphdf bfgiipginpx ka baapgpohndmolpighjelkbeac mfbclpihibnff na kjjhbigkfajlco pghpac celblaiihcpeljoyiebpmpeppahcabekdlnzaho ancpcpco c hghnolcoibgcej ieaobo dgoipinnndg", "cyoaxincpn lgcxcepykebpydbkhoylafaoliemkljjajjldgybizcallckm byizh mxxgyymazgcbniobefomjiix lhioldffygpohnaneghcfjcjhk gamlmpgl zbo keppgc", "pcbpleacdgeoifhck fj ne pog phjkbgflf jlf dpbknpd lk lkekjcnhfbip ijabheimmpkbeohbabakidpkhmiegkofeahendce l abknpohfabbalfhfbdagemgppmfpiciboalmncnfh" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("billion-word-imputation", input, 30.833333333333332);
    }

    [Fact]
    public void Bms_code_points_mean_distance()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("InChI", new string?[] { "InChI=1S/C2H6O/c1-2-3/h3H,2H2,1H3", "abc", "kitten", "ü🙂x", "same" }, isSubmission: false)],
            [MetricColumn.FromTexts("InChI", new string?[] { "InChI=1S/C2H6O/c1-3-2/h3H,2H2", "abd", "sitting", "u🙂", "same" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("bms-molecular-translation", input, 2.4);
    }

    [Fact]
    public void Gesture_integer_sequences_normalised()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("Sequence", new string?[] { "1 2 3 4", "5 6", "7", "10 11 12" }, isSubmission: false)],
            [MetricColumn.FromTexts("Sequence", new string?[] { "1 3 4", "6 5", "7 8 9", "10 11 12" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("multi-modal-gesture-recognition", input, 0.5);
    }

    [Fact]
    public void Chaii_jaccard_with_nan_text()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("PredictionString", new string?[] { "Hello World", "a b c", null, "x", "  ", "तमिल नाडु" }, isSubmission: false)],
            [MetricColumn.FromTexts("PredictionString", new string?[] { "hello hello", "c d", null, null, "  ", "नाडु" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("chaii-hindi-and-tamil-question-answering", input, 0.5416666666666666);
    }

    [Fact]
    public void Tweet_jaccard_both_empty_scores_zero()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("selected_text", new string?[] { "I love it", "so SAD", "  ", "a a b" }, isSubmission: false)],
            [MetricColumn.FromTexts("selected_text", new string?[] { "love", "sad so", "  ", "b c" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("tweet-sentiment-extraction", input, 0.41666666666666663);
    }

    [Fact]
    public void Hms_kl_divergence()
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("seizure_vote", new double[] { 3.0, 0.0, 1.0, 0.0 }, isSubmission: false, isInteger: true), MetricColumn.FromNumbers("lpd_vote", new double[] { 0.0, 0.0, 1.0, 5.0 }, isSubmission: false, isInteger: true), MetricColumn.FromNumbers("gpd_vote", new double[] { 0.0, 0.0, 1.0, 0.0 }, isSubmission: false, isInteger: true), MetricColumn.FromNumbers("lrda_vote", new double[] { 0.0, 0.0, 1.0, 0.0 }, isSubmission: false, isInteger: true), MetricColumn.FromNumbers("grda_vote", new double[] { 0.0, 0.0, 1.0, 2.0 }, isSubmission: false, isInteger: true), MetricColumn.FromNumbers("other_vote", new double[] { 1.0, 0.0, 1.0, 0.0 }, isSubmission: false, isInteger: true)],
            [MetricColumn.FromNumbers("seizure_vote", new double[] { 0.7, 0.2, 0.5, 0.0 }, isSubmission: true, isInteger: false), MetricColumn.FromNumbers("lpd_vote", new double[] { 0.0, 0.2, 0.1, 0.9995 }, isSubmission: true, isInteger: false), MetricColumn.FromNumbers("gpd_vote", new double[] { 0.0, 0.2, 0.1, 0.0 }, isSubmission: true, isInteger: false), MetricColumn.FromNumbers("lrda_vote", new double[] { 0.0, 0.2, 0.1, 0.0 }, isSubmission: true, isInteger: false), MetricColumn.FromNumbers("grda_vote", new double[] { 0.0, 0.1, 0.1, 0.0 }, isSubmission: true, isInteger: false), MetricColumn.FromNumbers("other_vote", new double[] { 0.3, 0.1, 0.1, 0.0 }, isSubmission: true, isInteger: false)],
            MetricParameters.Empty);
        AssertCatalogScore("hms-harmful-brain-activity-classification", input, 2.379764926703769);
    }

    [Fact]
    public void Icecube_mean_angular_error()
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("azimuth", new double[] { 3.460765288681906, 4.449423994385292, 1.8278083813267252, 3.20962450347969, 5.610551183647945, 5.631575567313185, 0.7890757775039627, 1.3021454069354643 }, isSubmission: false, isInteger: false), MetricColumn.FromNumbers("zenith", new double[] { 0.1616889877906994, 1.3848449664429048, 0.0938588846132054, 1.435183901674162, 2.039346171108076, 0.8748936012850634, 2.124517432014866, 1.8562502864745751 }, isSubmission: false, isInteger: false)],
            [MetricColumn.FromNumbers("azimuth", new double[] { 0.1506826109907144, 3.5113837945215574, 1.6289311652593423, 2.608157742046328, 1.7814406280024406, 4.355113984193263, 2.767452327361416, 0.9856290695563792 }, isSubmission: true, isInteger: false), MetricColumn.FromNumbers("zenith", new double[] { 1.711065353833738, 2.45143113167656, 0.962469422640825, 0.6973012575676771, 1.2188476525408196, 2.941735995343125, 3.0661800491782354, 2.112355616641396 }, isSubmission: true, isInteger: false)],
            MetricParameters.Empty);
        AssertCatalogScore("icecube-neutrinos-in-deep-ice", input, 1.3881910968876827);
    }

    [Fact]
    public void Hubmap_pixel_set_dice()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("predicted", new string?[] { "1 3 10 5", "1 5 3 5", null, "100 10" }, isSubmission: false)],
            [MetricColumn.FromTexts("predicted", new string?[] { "2 3 12 1", "2 2", null, null }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("hubmap-kidney-segmentation", input, 0.4861111111111111);
    }

    [Fact]
    public void Vesuvius_f_half()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("Predicted", new string?[] { "1 3 10 5", "5 5", null, "7 3" }, isSubmission: false)],
            [MetricColumn.FromTexts("Predicted", new string?[] { "2 3 12 1", "1 2 20 4", null, null }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("vesuvius-challenge-ink-detection", input, 0.40625);
    }

    [Fact]
    public void Tgs_iou_threshold_sweep()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("rle_mask", new string?[] { "1 100", "10195 10", null, "50 20", "0 2", "1 10 5 10" }, isSubmission: false)],
            [MetricColumn.FromTexts("rle_mask", new string?[] { "1 90", "10199 50", null, "55 20 3", null, "1 12" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("tgs-salt-identification-challenge", input, 0.6333333333333333);
    }

    [Fact]
    public void Wheat_iou_sweep_precision()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("PredictionString", new string?[] { "1.0 0 0 10 10 1.0 20 20 10 10", "1.0 5 5 10 10", null, "1.0 0 0 4 4 1.0 100 100 50 50 1.0 0 0 5 5" }, isSubmission: false)],
            [MetricColumn.FromTexts("PredictionString", new string?[] { "0.9 1 1 10 10 0.8 21 20 10 11 0.3 50 50 5 5", null, "0.5 0 0 1 1", "0.9 0 0 5 5 0.9 0 0 4 4 0.5 101 102 49 50 0.1 0 0 4.5 4.5" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("global-wheat-detection", input, 0.3194444444444444);
    }

    [Fact]
    public void Siim_voc_map()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("PredictionString", new string?[] { "opacity 1 10 10 50 50 opacity 1 60 60 90 90", "none 1 0 0 1 1", "opacity 1 0 0 20 20", "typical 1 0 0 1 1", "negative 1 0 0 1 1" }, isSubmission: false)],
            [MetricColumn.FromTexts("PredictionString", new string?[] { "opacity 0.9 12 12 50 50 opacity 0.8 11 11 50 50 opacity 0.3 60 60 80 80", "none 0.7 0 0 1 1 opacity 0.2 0 0 5 5", "opacity 0.85 1 1 20 20 opacity bad 0 0 1 1", "typical 0.6 0 0 1 1 negative 0.4 0 0 1 1", "typical 0.5 0 0 1 1 negative 0.5 0 0 1 1" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("siim-covid19-detection", input, 0.916665833334125);
    }

    [Fact]
    public void Smartphone_haversine_percentiles()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("tripId", new string?[] { "2020-05-14-US-MTV-1/Pixel4", "2020-05-14-US-MTV-1/Pixel4", "2020-05-14-US-MTV-1/Pixel4", "2021-04-22-US-SJC-1/SamsungS20", "2021-04-22-US-SJC-1/SamsungS20", "2020-05-14-US-MTV-1/Pixel4" }, isSubmission: false), MetricColumn.FromNumbers("UnixTimeMillis", new double[] { 1589488000000.0, 1589488001000.0, 1589488002000.0, 1619100000000.0, 1619100001000.0, 1589488003000.0 }, isSubmission: false, isInteger: true), MetricColumn.FromNumbers("LatitudeDegrees", new double[] { 37.4163, 37.4164, 37.4165, 37.3361, 37.3362, 37.4166 }, isSubmission: false, isInteger: false), MetricColumn.FromNumbers("LongitudeDegrees", new double[] { -122.0821, -122.0822, -122.0823, -121.8907, -121.8908, -122.0824 }, isSubmission: false, isInteger: false)],
            [MetricColumn.FromTexts("tripId", new string?[] { "2021-04-22-US-SJC-1/SamsungS20", "2020-05-14-US-MTV-1/Pixel4", "2020-05-14-US-MTV-1/Pixel4", "2020-05-14-US-MTV-1/Pixel4", "2021-04-22-US-SJC-1/SamsungS20", "2020-05-14-US-MTV-1/Pixel4" }, isSubmission: true), MetricColumn.FromNumbers("UnixTimeMillis", new double[] { 1619100000000.0, 1589488000000.0, 1589488003000.0, 1589488001000.0, 1619100001000.0, 1589488002000.0 }, isSubmission: true, isInteger: true), MetricColumn.FromNumbers("LatitudeDegrees", new double[] { 37.3361, 37.41631, 37.4165, 37.41638, 37.33625, 37.41653 }, isSubmission: true, isInteger: false), MetricColumn.FromNumbers("LongitudeDegrees", new double[] { -121.89069, -122.08208, -122.08236, -122.0822, -121.8908, -122.08233 }, isSubmission: true, isInteger: false)],
            MetricParameters.Empty);
        AssertCatalogScore("smartphone-decimeter-2022", input, 5.58647820285235);
    }

    [Fact]
    public void Osic_laplace_log_likelihood()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("Patient_Week", new string?[] { "P1_-3", "P1_10", "P1_20", "P1_5", "P2_0", "P2_7", "P3_1", "P3_2", "P3_4", "P3_9" }, isSubmission: false), MetricColumn.FromNumbers("FVC", new double[] { 2000.0, double.NaN, 2300.0, 2100.0, 3000.0, 3100.0, 1500.0, 1550.0, 1600.0, double.NaN }, isSubmission: false, isInteger: false), MetricColumn.FromNumbers("Confidence", new double[] { 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0 }, isSubmission: false, isInteger: true)],
            [MetricColumn.FromTexts("Patient_Week", new string?[] { "P1_-3", "P1_10", "P1_20", "P1_5", "P2_0", "P2_7", "P3_1", "P3_2", "P3_4", "P3_9" }, isSubmission: true), MetricColumn.FromNumbers("FVC", new double[] { 1990.0, 2000.0, 3500.0, 2500.0, 2990.0, 3000.0, 1500.0, 1400.0, 1700.0, 2000.0 }, isSubmission: true, isInteger: true), MetricColumn.FromNumbers("Confidence", new double[] { 50.0, 100.0, double.NaN, 200.0, 80.0, 300.0, 70.0, 1000.0, 100.5, 100.0 }, isSubmission: true, isInteger: false)],
            MetricParameters.Empty);
        AssertCatalogScore("osic-pulmonary-fibrosis-progression", input, -8.49013917248685);
    }

    [Fact]
    public void Uw_madison_dice_hausdorff()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("predicted", new string?[] { "51401 40 51913 40 52425 40 52937 40 53449 40 53961 40 54473 40 54985 40 55497 40 56009 40 56521 40 57033 40 57545 40 58057 40 58569 40 59081 40 59593 40 60105 40 60617 40 61129 40 61641 40 62153 40 62665 40 63177 40 63689 40 64201 40 64713 40 65225 40 65737 40 66249 40", "5131 5 5643 5 6155 5 6667 5 7179 5", null, "153601 512 154113 512 154625 512", null, "25661 10 26173 10 26685 10 27197 10 27709 10 28221 10 28733 10 29245 10 29757 10 30269 10 30781 10 31293 10 31805 10 32317 10 32829 10 33341 10 33853 10 34365 10 34877 10 35389 10 205201 10 205713 10 206225 10 206737 10 207249 10 207761 10 208273 10 208785 10 209297 10 209809 10" }, isSubmission: false)],
            [MetricColumn.FromTexts("predicted", new string?[] { "53956 42 54468 42 54980 42 55492 42 56004 42 56516 42 57028 42 57540 42 58052 42 58564 42 59076 42 59588 42 60100 42 60612 42 61124 42 61636 42 62148 42 62660 42 63172 42 63684 42 64196 42 64708 42 65220 42 65732 42 66244 42 66756 42 67268 42 67780 42 68292 42 68804 42", null, null, "154118 300 154630 300 155142 300 155654 300", "2566 2 3078 2", "26686 9 27198 9 27710 9 28222 9 28734 9 29246 9 29758 9 30270 9 30782 9 31294 9 31806 9 32318 9 32830 9 33342 9 33854 9 34366 9 34878 9 35390 9" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("uw-madison-gi-tract-image-segmentation", input, 0.43015726190828707);
    }

    [Fact]
    public void Uw_madison_runs_crossing_columns()
    {
        var input = new MetricInput(
            [MetricColumn.FromTexts("predicted", new string?[] { "66964 735 208456 1415 247058 1336 241782 1086 7604 954", "170125 107 236166 322", "97464 961", "99814 1114 26732 1176", "3438 1498 56815 836", "47731 798 41840 148 36378 1266", "116612 260 34667 4 254893 11 54908 442 251692 340", "75840 643 252046 408" }, isSubmission: false)],
            [MetricColumn.FromTexts("predicted", new string?[] { "66964 735 208456 1415 247058 1336 241782 1086 7604 954", "108766 340 245313 299 69157 134", "79000 1236 153654 7 156233 1389", "17308 635 93154 627 126025 1427", "48438 986 123874 1444 46169 117", "255617 47 248833 733 221481 828", "143935 858", "98662 1185 220525 19 118705 96" }, isSubmission: true)],
            MetricParameters.Empty);
        AssertCatalogScore("uw-madison-gi-tract-image-segmentation", input, 0.5009187997422273);
    }

    private static void AssertCatalogScore(string competition, MetricInput input, double expected)
    {
        var entry = CatalogEntry.Named(competition);
        Assert.True(entry.GetProperty("supported").GetBoolean());
        Assert.Equal(entry.GetProperty("target_columns").EnumerateArray().Select(c => c.GetString()), input.TargetColumns);
        Approx.Equal(expected, CatalogEntry.CreateMetric(entry).Evaluate(input));
    }
}
