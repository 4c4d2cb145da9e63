package dev.waterline.vex.formats;

/** Pieces of CSAF documents for tests, written with single quotes for double ones. */
final class CsafTexts {
  /** The {@code document} member of a CSAF 2.0 {@code csaf_vex} document, valid as it stands. */
  static final String DOCUMENT =
      "'document':{'category':'csaf_vex','csaf_version':'2.0','publisher':{'category':"
          + "'vendor','name':'Example PSIRT','namespace':'https://psirt.example.com'},'title':"
          + "'t','tracking':{'current_release_date':'2024-05-02T00:00:00Z','id':'EX-1',"
          + "'initial_release_date':'2024-05-02T00:00:00Z','revision_history':[{'date':"
          + "'2024-05-02T00:00:00Z','number':'1','summary':'Initial'}],'status':'final',"
          + "'version':'1'}}";

  private CsafTexts() {}
}
