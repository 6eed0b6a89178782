<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>VillagePlanner</name>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source> ... ({n} in all)</source>
      <translation> ……（共 {n} 个）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source> and </source>
      <translation> 且 </translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <location filename="../village_planner/core/schema.py" />
      <source> or </source>
      <translation> 或 </translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>'{text}' is not an anchor of the form count:hash (e.g. 12:3fa9…, 64 hex digits).</source>
      <translation>“{text}”不是“条数:哈希值”形式的锚点（例如 12:3fa9…，哈希为 64 位十六进制数）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>'{value}' is not a journal number.</source>
      <translation>“{value}”不是流水号。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>(field geometry)</source>
      <translation>（外业图形）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>(not computed, skipped)</source>
      <translation>（未计算，跳过）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>(office geometry)</source>
      <translation>（内业图形）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>(profile)</source>
      <translation>（台账口径）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>(rules)</source>
      <translation>（分类规则）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>(the whole file)</source>
      <translation>（整个文件）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>1 Cultivated land</source>
      <translation>一、耕地账</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>1 Data check</source>
      <translation>1 数据检查</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>10k yuan</source>
      <translation>万元</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>2 Ecological land</source>
      <translation>二、生态用地账</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>2 Indicators</source>
      <translation>2 指标</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>3 Construction land</source>
      <translation>三、建设用地账</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>3 Suggestion</source>
      <translation>3 建议</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>4 Decision</source>
      <translation>4 决定</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>4 Other and reserve land</source>
      <translation>四、其他及储备用地账</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>5 Guidance</source>
      <translation>5 规划导引</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>5 Population and households</source>
      <translation>五、人口户数账</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>6 Industry and heritage</source>
      <translation>六、产业与文化遗产账</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>A PostgreSQL connection saved in QGIS; its password stays in QGIS.</source>
      <translation>QGIS 中保存的 PostgreSQL 连接；其密码保存在 QGIS 中。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>A reversal cancels the whole entry {id} ({ha} ha).</source>
      <translation>冲销须冲销整笔记录 {id}（{ha} 公顷）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>A reversal cannot itself be reversed; record the movement again.</source>
      <translation>冲销记录不能再被冲销；请重新登记该笔变动。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>A transfer needs two different villages.</source>
      <translation>调剂须在两个不同的村之间进行。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>ADD_VILLAGES: give the ledger or the village zones whose accounts are to be added.</source>
      <translation>ADD_VILLAGES：请给出要补充其账户的资源台账或村级调查区。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>AREA_FIELD: field {field} of the parcels is not numeric, so areas cannot be written to it.</source>
      <translation>AREA_FIELD：图斑的字段 {field} 不是数值型，无法写入面积。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>AREA_FIELD: give the name of the area field to write (e.g. TBMJ).</source>
      <translation>AREA_FIELD：请给出要写入的面积字段名（如 TBMJ）。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>AREA_HA: {reason}</source>
      <translation>AREA_HA（面积）：{reason}</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>About Village Planner</source>
      <translation>关于村庄规划助手</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>About this ledger</source>
      <translation>台账说明</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Accept the suggestion</source>
      <translation>采纳建议</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Accept the suggestion, or choose another category and say why.</source>
      <translation>采纳建议，或选择其他类别并说明理由。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Accept the suggestions of all villages in scope that have no decision yet</source>
      <translation>对范围内尚未决定的所有村采纳建议类别</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Accounts changed</source>
      <translation>变更的村庄账户</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Against the plan</source>
      <translation>违反规划</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Against the plan (ha)</source>
      <translation>违反规划（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <source>All findings</source>
      <translation>全部问题</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>All movements</source>
      <translation>全部变动</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <source>All villages</source>
      <translation>全部村</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Allocate to a village</source>
      <translation>分配到村</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Allocated (ha)</source>
      <translation>已分配（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Allocated, not yet drawn (ha)</source>
      <translation>已分配未使用（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Also one map book (PDF) per town</source>
      <translation>同时按乡镇输出图集（PDF）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>An area of {ha} ha is more than the county's whole control total {total} ha; check the unit (ha, not m2).</source>
      <translation>面积 {ha} 公顷超过了全县建设用地总量控制指标 {total} 公顷；请检查单位（应为公顷，而非平方米）。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Anchor of an earlier report to check (entries:hash)</source>
      <translation>要核对的既往报告锚点（条数:哈希值）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>Applied: {office} office versions kept, {field} field versions taken, {both} kept both.</source>
      <translation>已应用：保留内业版本 {office} 条，采用外业版本 {field} 条，两者都保留 {both} 条。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>Applies a table of movements (CSV in UTF-8 or GBK, or XLSX; Chinese or English headers) to the quota pool, all or nothing: when any row is refused, nothing is written and every refused row is reported with its rule. Rows already recorded (same document number, movement, village and area) are refused, so that importing a file twice does not double the movements, and so is a row that repeats an earlier row of the same file (both rows are named), unless duplicates are allowed.</source>
      <translation>将变动表（UTF-8 或 GBK 编码的 CSV，或 XLSX；中文或英文表头）整体记入指标池：任一行被拒绝则全部不写入，并逐行报告被拒绝的行及所违反的规则。已记账的行（批复文号、变动类型、村庄和面积均相同）会被拒绝，以免同一文件导入两次使变动翻倍；与同一文件中前面某行相同的行也会被拒绝（报告两行的行号），除非允许重复。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>Apply decisions</source>
      <translation>应用处理结果</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Apply the standard land-use style</source>
      <translation>应用标准用地配色</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Approval document number</source>
      <translation>批复文号</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Approval document number (of the accounts entry)</source>
      <translation>批复文号（村庄账户变更流水）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/core/table_export.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Area (ha)</source>
      <translation>面积（公顷）</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Area (m2)</source>
      <translation>面积（平方米）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Area balance (平差) before filing a plan: every parcel's area is measured again on the CGCS2000 ellipsoid; in each control zone (village zone) the difference between the control area and the sum of its parcels is spread over the parcels touching the zone edge (within 0.5 m of it) in proportion to their area, and the 0.01 m2 rounding remainder is placed on the largest parcels, so that the parcels of each zone sum exactly to its control area at 0.01 m2. The result is written to the area field (TBMJ by default, added when missing). The control area is the zone's field given, or its own ellipsoidal area. A parcel belongs to the zone holding the point on its surface; parcels in no zone keep their own ellipsoidal area and are listed. Each zone's difference before the balance is logged and written to the report table. A difference above the tolerance is a gap or an overlap, not rounding: the algorithm then stops, names the zones and writes nothing.</source>
      <translation>提交成果前的面积平差：在 CGCS2000 椭球面上重新计算每个图斑的面积；在每个控制区（村级调查区）内，将控制面积与区内图斑面积之和的差值，按面积比例分摊到与控制区边界相接（距边界 0.5 米以内）的图斑上，再把 0.01 平方米的舍入尾差放在面积最大的图斑上，使每个控制区的图斑面积之和在 0.01 平方米精度上恰好等于控制面积。结果写入面积字段（默认 TBMJ，没有时新增）。控制面积取控制区的指定字段，否则取其自身的椭球面积。图斑按其内部点（point on surface）所在的控制区归属；不在任何控制区内的图斑保留自身的椭球面积并列出。各控制区平差前的差值写入日志和报告表。差值超过限差说明存在缝隙或重叠，而非舍入误差：此时算法停止，列出这些控制区，不写出任何结果。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Area field of the parcels to write (m2)</source>
      <translation>写入图斑面积的字段（平方米）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Author</source>
      <translation>经办人</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>Author (for rows without one)</source>
      <translation>经办人（用于未填写的行）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Author (of the accounts entry; default: the login name)</source>
      <translation>经办人（村庄账户变更流水；默认为登录名）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Available in the pool (ha)</source>
      <translation>指标池可用（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>BASELINE and CURRENT are required.</source>
      <translation>必须给出基期图斑（BASELINE）和变更调查图斑（CURRENT）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>BSM {bsm} is used by features {ids}.</source>
      <translation>标识码 {bsm} 被要素 {ids} 重复使用。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Balance (ha)</source>
      <translation>余额（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Balance parcel areas (平差)…</source>
      <translation>图斑面积平差…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Balance parcel areas to the control area</source>
      <translation>图斑面积平差（按控制面积）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Balance per zone</source>
      <translation>各控制区平差情况</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Balanced parcels</source>
      <translation>平差后的图斑</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Balances follow from the journal</source>
      <translation>余额与流水一致</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Balances per village, the pool summary, the journal and a verification of the balances, the hash chain and the pool's settings (control total, baseline, policy, village accounts, protection zones). Every report prints the chain's anchor (entries:last hash); give an anchor from an earlier report as EXPECTED to check that the journal still contains it, which proves that the books were not rewritten since.</source>
      <translation>各村余额、指标池汇总、流水账，以及对余额、哈希链和指标池设置（总量控制指标、基期建设用地、政策、村庄账户、保护区域）的核验。每份报告都打印哈希链的锚点（条数:最后哈希值）；将既往报告中的锚点填入 EXPECTED，可核对流水账是否仍包含该锚点，从而证明此后账目未被改写。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>Base year</source>
      <translation>基期年</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring_report.py" />
      <source>Base year total</source>
      <translation>基期合计</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Base-year land use</source>
      <translation>基期年用地</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Base-year parcels (DLTB)</source>
      <translation>基期地类图斑（DLTB）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Baseline construction land (ha)</source>
      <translation>基期建设用地（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Baseline construction land (ha; empty: the ledger's total)</source>
      <translation>基期建设用地（公顷；留空取台账合计）</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>Basemap</source>
      <translation>底图</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Basemap (raster)</source>
      <translation>底图（栅格）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Basemap {layer} clipped to the villages and stored in the package.</source>
      <translation>底图 {layer} 已按村庄范围裁剪并存入外业包。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Basic farmland</source>
      <translation>永久基本农田</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>Binding</source>
      <translation>约束性</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Books and hash chain verified.</source>
      <translation>账目与哈希链核验无误。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Build resource baseline ledger (4+2)</source>
      <translation>生成“4+2”资源本底台账</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <location filename="../village_planner/plugin.py" />
      <source>Build resource ledger…</source>
      <translation>生成资源本底台账…</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Build submission databases…</source>
      <translation>生成入库数据库…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>Build the submission databases</source>
      <translation>生成入库数据库</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Builds the 4+2 resource baseline ledger of every village from the land survey parcels: cultivated, ecological, construction and other land (official survey areas, hectares), with shares inside permanent basic farmland, the ecological red line and the urban development boundary, plus population, households, industry and heritage from the village statistics. Parcels whose village cannot be found go to an explicit 'unassigned' row.</source>
      <translation>根据国土调查地类图斑生成各村“4+2”资源本底台账：耕地、生态用地、建设用地和其他用地（调查图斑面积，公顷），以及位于永久基本农田、生态保护红线和城镇开发边界内的面积；人口、户数、产业和文化遗产取自村庄统计表。找不到所属村的图斑单列为“未归属”行。</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Built at</source>
      <translation>生成时间</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <location filename="../village_planner/processing/monitor_change.py" />
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Cancelled.</source>
      <translation>已取消。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Cancelled: no package was made.</source>
      <translation>已取消：未生成外业数据包。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/field_pg.py" />
      <location filename="../village_planner/store/quota_pg.py" />
      <source>Cannot connect to PostGIS ({database}): {error}</source>
      <translation>无法连接 PostGIS（{database}）：{error}</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Chain anchor (entries:last hash)</source>
      <translation>哈希链锚点（条数:最后哈希值）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>Change</source>
      <translation>变化</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Change survey year (when the parcels are a yearly change survey)</source>
      <translation>变更调查年度（图斑为年度变更调查时）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>Change workbook</source>
      <translation>变化工作簿</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Change-survey parcels of a later year (DLTB)</source>
      <translation>后续年度变更调查地类图斑（DLTB）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <location filename="../village_planner/core/monitoring_report.py" />
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Changed pieces</source>
      <translation>变化图斑</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Changed pieces (count)</source>
      <translation>变化图斑（个）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Check data</source>
      <translation>检查数据</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Check plans before submission…</source>
      <translation>成果入库前质检…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/check_layers.py" />
      <source>Check survey layers</source>
      <translation>检查调查图层</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Check survey layers…</source>
      <translation>检查调查图层…</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Check the selected parcel</source>
      <translation>核查选中地块</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/check_plan.py" />
      <source>Check the village plans before submission</source>
      <translation>村庄规划成果入库前质检</translation>
    </message>
    <message>
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <source>Checked at</source>
      <translation>质检时间</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/check_plan.py" />
      <source>Checking {n} parcels of {v} villages</source>
      <translation>正在检查 {v} 个村的 {n} 个图斑</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/check_layers.py" />
      <source>Checks the county's survey layers before a long job: missing fields, CRS mismatches, invalid geometries (with feature ids), duplicate village codes and parcels without a village. ERROR items stop the plugin's jobs; WARNING items are reported and the jobs go on.</source>
      <translation>在耗时作业前检查县域调查图层：缺失字段、坐标系不一致、无效几何（列出要素编号）、重复村代码以及无所属村的图斑。“错误”项会中止插件作业；“警告”项会报告，作业继续。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Choose a GeoPackage or a PostgreSQL connection.</source>
      <translation>请选择 GeoPackage 文件或 PostgreSQL 连接。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <source>Choose a findings layer, or run the check.</source>
      <translation>请选择质检问题图层，或运行质检。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Choose a ledger layer built by 'Build resource baseline ledger (4+2)'.</source>
      <translation>请选择由“生成“4+2”资源本底台账”生成的台账图层。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Choose another category</source>
      <translation>选择其他类别</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Choose the code field of {layer}.</source>
      <translation>请选择 {layer} 的用地代码字段。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Choose the ledger and the planning GeoPackage; villages with missing indicators are listed.</source>
      <translation>选择台账和规划 GeoPackage；列出指标缺失的村。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Choose where the planning GeoPackage is (save the project first to keep it next to the project).</source>
      <translation>请指定规划 GeoPackage 的位置（先保存工程，即可放在工程文件旁）。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Choose which field plays each role when a layer does not use the survey's standard names. The mapping is saved in the project.</source>
      <translation>当图层未使用调查标准字段名时，请为每项指定对应字段。映射保存在工程文件中。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Classification rules (*.json)</source>
      <translation>分类规则文件 (*.json)</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Classification rules (JSON; empty for the default)</source>
      <translation>分类规则（JSON；留空使用默认规则）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>Classify villages (suggest and explain)</source>
      <translation>村庄分类（建议并说明理由）</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Classify villages…</source>
      <translation>村庄分类…</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Code after</source>
      <translation>变更后地类</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Code before</source>
      <translation>变更前地类</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/monitoring_dock.py" />
      <source>Code before: {before}  Code after: {after}  Area: {area} m2  Draw: {draw}</source>
      <translation>变更前：{before}  变更后：{after}  面积：{area} 平方米  指标使用：{draw}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Code field</source>
      <translation>代码字段</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Collective income</source>
      <translation>集体经济收入</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Commercial land</source>
      <translation>商服用地</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>Compare ledger snapshots</source>
      <translation>比较台账快照</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Compare ledger snapshots…</source>
      <translation>比较台账快照…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Compares a later year's land change survey (CURRENT) with the base-year parcels (BASELINE) by overlay, since parcels are re-delineated between surveys. Each changed piece gets its codes before and after, its official area (its share of the parcel's TBMJ) and flags: new construction, construction removed, cultivated land lost or gained, on permanent basic farmland, in the ecological red line, against the plan (new construction where the plan keeps non-construction land, unless a flexible-reserve draw covers it), covered by a quota draw recorded in the period, and unexplained (new construction no draw covers). Per village: the sums, the quota drawn, the county's remaining headroom under the control total, and a flag when unexplained construction, construction on basic farmland or the red line, or construction against the plan exceeds 0.01 ha, or when net construction growth exceeds what the village drew. The workbook holds the land-use transition matrix of the county and of each village. Pieces smaller than MIN_AREA m2, or thinner on average than SLIVER_WIDTH m, are re-delineation slivers: they do not count as change and their area is reported as ignored. Dates are YYYY-MM-DD; reversed draws do not count.</source>
      <translation>将后续年度的国土变更调查（CURRENT）与基期图斑（BASELINE）叠加比较（两期图斑会重新勾绘，不能只按图斑编号比较属性）。每个变化图斑记录变更前后的地类、官方面积（按其占所在图斑 TBMJ 的比例计算）和标记：新增建设用地、建设用地减少、耕地减少或增加、占用永久基本农田、位于生态保护红线内、违反规划（规划为非建设用地处新增建设，机动指标使用已覆盖的除外）、已被本期记录的指标使用覆盖，以及未批先建（没有任何指标使用覆盖的新增建设）。每个村：各项面积合计、使用的指标、全县建设用地总量控制的剩余空间；当未批先建、占用基本农田或生态红线、违反规划的面积超过 0.01 公顷，或建设用地净增超过本村使用的指标时标记该村。工作簿包含全县和各村的土地利用转移矩阵。小于 MIN_AREA 平方米或平均宽度小于 SLIVER_WIDTH 米的碎片是重新勾绘产生的细碎图斑，不计为变化，其面积单独报告为已忽略。日期格式为 YYYY-MM-DD；已撤销的指标使用不计入。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>Compares two ledger snapshots of the planning GeoPackage (for example the 2020 base year and the 2023 change survey) per village and item, and flags villages where cultivated land or basic farmland decreased or construction land grew. Without snapshot ids, the two latest are compared.</source>
      <translation>按村、按项目比较规划 GeoPackage 中的两个台账快照（例如 2020 年基期与 2023 年变更调查），标出耕地或永久基本农田减少、建设用地增加的村。未指定快照编号时，比较最近的两个快照。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>Comparing snapshot {a} (survey year {ya}) with snapshot {b} (survey year {yb})</source>
      <translation>正在比较快照 {a}（调查年度 {ya}）与快照 {b}（调查年度 {yb}）</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Compiled by: {unit}</source>
      <translation>编制单位：{unit}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Compiling unit</source>
      <translation>编制单位</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Conflict in {layer} {uuid}: {reason}. Field: {field}; office: {office}</source>
      <translation>{layer} {uuid} 冲突：{reason}。外业：{field}；内业：{office}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Conflicts</source>
      <translation>冲突数</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>Conflicts of the field merge</source>
      <translation>外业合并冲突</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Construction land</source>
      <translation>建设用地</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Construction land control total (ha; needed to create a pool)</source>
      <translation>建设用地控制总量（公顷；新建指标池时必填）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Construction removed</source>
      <translation>建设用地减少</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Construction removed (ha)</source>
      <translation>建设用地减少（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Control area field of the zones (m2; empty: the zone's ellipsoidal area)</source>
      <translation>控制区的控制面积字段（平方米；留空则用控制区的椭球面积）</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Control boundaries map</source>
      <translation>国土空间管控边界图</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Control total (ha)</source>
      <translation>总量控制指标（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Control zones (village zones)</source>
      <translation>控制区（村级调查区）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Convert survey codes to planning codes (2023)</source>
      <translation>调查地类转换为规划用地分类（2023 版）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Converts a planning layer coded in the 2020 trial edition of the land and sea use classification to the 2023 edition (for example 2302 field ridge becomes 2303), from the table in resources/codes, and reports every changed code. A 2020 code with several 2023 codes (1311 main canals) is flagged to be split. A layer already in 2023 codes (codes that exist only in 2023, or 2023 names in its name field) is refused, so it is never migrated twice.</source>
      <translation>依据 resources/codes 中的对照表，将按 2020 年试行版用地用海分类编码的规划图层转换为 2023 年版（例如田坎由 2302 改为 2303），并报告每一个变化的代码。对应多个 2023 年版代码的 2020 年版代码（1311 干渠）标记为待细分。已是 2023 年版代码的图层（含仅 2023 年版才有的代码，或名称字段为 2023 年版名称）将被拒绝，避免重复转换。</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Coordinate system: {crs}</source>
      <translation>坐标系：{crs}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring_report.py" />
      <source>County</source>
      <translation>全县</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>County code</source>
      <translation>县（区）代码</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>County code (needed to create a pool)</source>
      <translation>县级行政区代码（新建指标池时必填）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>County construction land now (ha)</source>
      <translation>当前全县建设用地（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>County construction land would reach {after} ha, over the control total {total} ha (baseline {base} ha, drawn {drawn} ha, reclaimed {rec} ha).</source>
      <translation>全县建设用地将达到 {after} 公顷，超过总量控制指标 {total} 公顷（基期 {base} 公顷，已使用 {drawn} 公顷，已复垦 {rec} 公顷）。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>County median</source>
      <translation>全县中位数</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>County percentile</source>
      <translation>全县百分位</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>County range</source>
      <translation>全县范围</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>County summary</source>
      <translation>全县汇总</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>County summary (JSON)</source>
      <translation>全县汇总（JSON）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>County summary (suggestions):</source>
      <translation>全县汇总（建议类别）：</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>County total</source>
      <translation>全县合计</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Covered by a draw</source>
      <translation>已有指标覆盖</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Covered by draws (ha)</source>
      <translation>指标覆盖面积（公顷）</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Covering draw</source>
      <translation>覆盖的指标使用</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Create quota pool</source>
      <translation>建立指标池</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Create quota pool…</source>
      <translation>建立指标池…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Creates the county's pool of collective construction-land quota in a planning GeoPackage: the control total, the baseline construction land (from the ledger or given), one account per village with its category and planned construction land, and a copy of the permanent basic farmland and red line that draws are checked against. Only the control total and the baseline are needed: village accounts come from the ledger or from village zones (CJDCQ) when given. The policy file is checked on loading (every key, its type, the flexible reserve ratio from 0 to 1) and a bad one is refused before anything is written.</source>
      <translation>在规划 GeoPackage 中建立全县集体建设用地指标池：控制总量、建设用地基数（取自资源台账或直接给出）、每村一个账户（含分类和规划建设用地），以及用于核查指标使用的永久基本农田和生态保护红线副本。只需控制总量和基数：给出资源台账或村级调查区（CJDCQ）时由其建立村庄账户。政策文件在读取时即受检查（每个键、其类型、机动指标比例须在 0 到 1 之间），不合格的政策在写入任何内容之前即被拒绝。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/core/monitoring.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Cultivated land</source>
      <translation>耕地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Cultivated land gained</source>
      <translation>耕地增加</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Cultivated land gained (ha)</source>
      <translation>耕地增加（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Cultivated land lost</source>
      <translation>耕地减少</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Cultivated land lost (ha)</source>
      <translation>耕地减少（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Current land use</source>
      <translation>现状用地</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/roles.py" />
      <source>Current land use (survey or planning codes)</source>
      <translation>现状用地（调查或规划分类代码）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>DATABASE: the file {path} does not exist.</source>
      <translation>DATABASE：文件 {path} 不存在。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>DATE: {reason}</source>
      <translation>DATE（日期）：{reason}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>Data check</source>
      <translation>数据检查</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/processing/check_layers.py" />
      <source>Data problems</source>
      <translation>数据问题</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Data warnings</source>
      <translation>数据警告</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>Databases and reports (one per line)</source>
      <translation>数据库和报告（每行一个）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>Databases ready for submission</source>
      <translation>可入库的数据库</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>Databases with errors</source>
      <translation>有错误的数据库</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>Databases written</source>
      <translation>已写出的数据库</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Date (YYYY-MM-DD)</source>
      <translation>日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Date: {date}</source>
      <translation>编制日期：{date}</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <source>Decided category</source>
      <translation>确定类别</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Decided earlier: {category} by {who} on {when}.</source>
      <translation>此前已确定：{category}，{who}，{when}。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Decision</source>
      <translation>处理方式</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Decisions recorded</source>
      <translation>已记录的决定数</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Deducted area (KCMJ)</source>
      <translation>扣除地类面积（KCMJ）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Deducted class (KCDLBM)</source>
      <translation>扣除地类编码（KCDLBM）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Demolished</source>
      <translation>已拆除</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Digitise a draw parcel</source>
      <translation>绘制用地地块</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Dilapidated</source>
      <translation>危房</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Draw for an approved project</source>
      <translation>项目使用（落地）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Draw parcel: {m2:.2f} m2 in village {code}</source>
      <translation>用地地块：{m2:.2f} 平方米，位于村 {code}</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Draw parcels</source>
      <translation>用地地块</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Draw parcels (selected features, or all)</source>
      <translation>使用指标的地块（选中要素，或全部）</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Drawn (ha)</source>
      <translation>已使用（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Drawn in the period (ha)</source>
      <translation>本期使用指标（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Dry land</source>
      <translation>旱地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/issues.py" />
      <location filename="../village_planner/core/plan_report.py" />
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <source>ERROR</source>
      <translation>错误</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>EXPECTED: {reason}</source>
      <translation>EXPECTED（既往锚点）：{reason}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Earlier anchor checked</source>
      <translation>核对的先前锚点</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Earlier anchor found</source>
      <translation>先前锚点仍在</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Earlier anchor found (1 = the journal still contains it)</source>
      <translation>既往锚点是否仍在（1 = 流水账仍包含该锚点）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>Earlier snapshot id</source>
      <translation>较早快照编号</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Ecological land</source>
      <translation>生态用地</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Ecological protection red line</source>
      <translation>生态保护红线</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <location filename="../village_planner/qgis_adapter/roles.py" />
      <source>Ecological protection red line (STBHHX)</source>
      <translation>生态保护红线（STBHHX）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/i18n.py" />
      <location filename="../village_planner/gui/export_dialog.py" />
      <location filename="../village_planner/processing/export_maps.py" />
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Entry reversed</source>
      <translation>被冲销序号</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Entry to reverse (journal number)</source>
      <translation>冲销的记录（流水号）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Entry {id} is already reversed.</source>
      <translation>记录 {id} 已被冲销。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Entry {id} to reverse does not exist.</source>
      <translation>要冲销的记录 {id} 不存在。</translation>
    </message>
    <message>
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/plan_report.py" />
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <source>Errors</source>
      <translation>错误数</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Every movement needs its approval document number.</source>
      <translation>每笔变动都必须填写批复文号。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <location filename="../village_planner/store/quota_base.py" />
      <source>Every movement needs its author.</source>
      <translation>每笔变动都必须填写经办人。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Every village account is already in the pool as given: nothing changed.</source>
      <translation>所有村庄账户均已按所给内容存在于指标池中：未作任何变更。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>Expected</source>
      <translation>预期性</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Expire back to the pool</source>
      <translation>到期收回指标池</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Expired (ha)</source>
      <translation>过期收回（公顷）</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <source>Explanation</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Export HTML…</source>
      <translation>导出 HTML…</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Export PDF…</source>
      <translation>导出 PDF…</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Export guidance</source>
      <translation>导出规划导引</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Export village plan maps</source>
      <translation>导出村庄规划图件</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Export village plan maps…</source>
      <translation>导出村庄规划图件…</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/compat.py" />
      <source>Export was cancelled.</source>
      <translation>导出已取消。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Exports, for every village (or the listed ones), the village-wide current land use map, the land and space use plan map and the control boundaries map, as PDF (with searchable Chinese text) and/or PNG, named &lt;village_code&gt;_&lt;village_name&gt;_&lt;map&gt;. A village that fails is reported and the others are still exported.</source>
      <translation>为每个村（或列出的村）导出村域综合现状图、村域国土空间规划图和国土空间管控边界图，格式为 PDF（中文文字可检索）和/或 PNG，文件名为 &lt;村代码&gt;_&lt;村名称&gt;_&lt;图名&gt;。某个村导出失败时会报告，其他村继续导出。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Failed</source>
      <translation>未通过</translation>
    </message>
    <message>
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/plan_report.py" />
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <source>Feature</source>
      <translation>要素</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Feature id</source>
      <translation>要素编号</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/submission_db.py" />
      <source>Feature {n} of layer {layer} cannot be written into {path}: {error}</source>
      <translation>图层 {layer} 的第 {n} 个要素无法写入 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Features to be split</source>
      <translation>待细分要素数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Features whose code changed</source>
      <translation>代码变化的要素数</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Field mapping</source>
      <translation>字段映射</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Field mapping…</source>
      <translation>字段映射…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Field package (folder or .zip)</source>
      <translation>外业包（文件夹或 .zip）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Field package {folder}: {n} survey rows of {v} villages.</source>
      <translation>外业包 {folder}：{v} 个村共 {n} 条核查记录。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Field ridges</source>
      <translation>田坎</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Field survey database for the homestead figures (optional: a GeoPackage or connection:NAME; the planning GeoPackage by default)</source>
      <translation>宅基地核查数据库（可选：GeoPackage 或 connection:连接名；默认为规划 GeoPackage）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>Field value</source>
      <translation>外业值</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>Field verification</source>
      <translation>外业核查</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Field verification: homesteads</source>
      <translation>外业核查：宅基地</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>File Geodatabase (.gdb)</source>
      <translation>文件地理数据库（.gdb）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Files (one per line)</source>
      <translation>文件（每行一个）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Files exported</source>
      <translation>已导出文件数</translation>
    </message>
    <message>
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/plan_report.py" />
      <source>Findings</source>
      <translation>质检问题</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>First day of the period (YYYY-MM-DD)</source>
      <translation>监测期起始日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>First entry not following the chain</source>
      <translation>首个断链的流水号</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Flag</source>
      <translation>标记</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <location filename="../village_planner/core/monitoring.py" />
      <location filename="../village_planner/gui/monitoring_dock.py" />
      <source>Flagged villages</source>
      <translation>被标记的村</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Flexible draws of village {code} would reach {used} ha, over {ratio:.0%} of its planned construction land {planned} ha (limit {limit} ha).</source>
      <translation>村 {code} 的机动指标使用将达到 {used} 公顷，超过其规划建设用地 {planned} 公顷的 {ratio:.0%}（上限 {limit} 公顷）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Flexible reserve draw</source>
      <translation>使用机动指标</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Flexible reserve drawn (ha)</source>
      <translation>已用机动指标（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Flexible reserve limit (ha)</source>
      <translation>机动指标上限（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Forest land</source>
      <translation>林地</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Format</source>
      <translation>格式</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring_report.py" />
      <source>From \ to (ha)</source>
      <translation>转出 \ 转入（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Garden land</source>
      <translation>园地</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/sample_county.py" />
      <source>Generate sample county</source>
      <translation>生成示例县</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Generate sample county…</source>
      <translation>生成示例县…</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>GeoPackage (.gpkg)</source>
      <translation>GeoPackage（.gpkg）</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/roles.py" />
      <source>Geological hazard points</source>
      <translation>地质灾害隐患点</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Give the ledger or the baseline construction land.</source>
      <translation>请提供台账或基期建设用地面积。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Gives every survey parcel (DLBM, CZCSXM) its code in the 2023 land and sea use classification, from the crosswalk file in resources/codes. Where a survey code maps to several planning codes, the parcel gets the most likely one, needs_split = 1 and the list of candidates, and the count of such parcels per village is reported; nothing is silently guessed.</source>
      <translation>依据 resources/codes 中的对照表，为每个调查图斑（DLBM、CZCSXM）赋予 2023 年版用地用海分类代码。一个调查地类对应多个规划地类时，图斑取最可能的代码，并标记 needs_split = 1（待细分）和候选代码，按村统计待细分图斑数；不做任何隐含的猜测。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Grassland</source>
      <translation>草地</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/processing/base.py" />
      <source>HTML report (*.html)</source>
      <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Hash</source>
      <translation>哈希值</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Hash chain intact</source>
      <translation>哈希链完整</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Hazard points</source>
      <translation>地灾隐患点</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Hazard points (DZZHD)</source>
      <translation>地质灾害点（DZZHD）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Headroom under the control total (ha)</source>
      <translation>距总量控制指标余量（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Heritage designation</source>
      <translation>文化遗产认定</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Homesteads</source>
      <translation>宅基地核查</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Homesteads verified</source>
      <translation>已核查宅基地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Households</source>
      <translation>户数</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Idle</source>
      <translation>闲置</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Idle homestead area</source>
      <translation>闲置宅基地面积</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Idle homestead area (m2)</source>
      <translation>闲置宅基地面积（平方米）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>Import quota movements</source>
      <translation>导入指标变动</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>In basic farmland</source>
      <translation>位于永久基本农田内</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>In the ecological red line</source>
      <translation>位于生态保护红线内</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>In the ecological red line (ha)</source>
      <translation>占用生态保护红线（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>In use</source>
      <translation>在用</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Indicator</source>
      <translation>指标</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Indicator table</source>
      <translation>指标表</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Indicator workbook</source>
      <translation>指标表工作簿</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Industrial and mining land</source>
      <translation>工矿用地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Inflow source</source>
      <translation>入池来源</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Inflow source (reclamation, linked, land_ticket, annual_plan)</source>
      <translation>指标来源（reclamation 复垦、linked 增减挂钩、land_ticket 地票、annual_plan 年度计划）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Inflow to the pool</source>
      <translation>入池</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Inflows (ha)</source>
      <translation>累计入池（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Inflows accounted for</source>
      <translation>入池总量平衡</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Inside the development boundary</source>
      <translation>位于城镇开发边界内</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Inside the red line</source>
      <translation>位于生态保护红线内</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Irrigated</source>
      <translation>水浇地</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <source>Item</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>Items</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Journal</source>
      <translation>流水账</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Journal entries</source>
      <translation>流水记录数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Journal entry {seq}: {added} village accounts added ({codes_added}), {changed} changed ({codes_changed}); the pool has {n} village accounts.</source>
      <translation>第 {seq} 条流水：新增 {added} 个村庄账户（{codes_added}），变更 {changed} 个（{codes_changed}）；指标池现有 {n} 个村庄账户。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Journal number</source>
      <translation>流水号</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>Keep both (field version as a new linked row)</source>
      <translation>两者都保留（外业版本另存为关联的新记录）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>Keep the office version</source>
      <translation>保留内业版本</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>Land class '{code}' is not in the ledger profile; {n} parcels counted as {account}. Features: {ids}</source>
      <translation>地类“{code}”不在台账口径中；{n} 个图斑计入 {account}。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Land class code (DLBM)</source>
      <translation>地类编码（DLBM）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <location filename="../village_planner/processing/codes_algs.py" />
      <location filename="../village_planner/qgis_adapter/roles.py" />
      <source>Land parcels (DLTB)</source>
      <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>Land use</source>
      <translation>用地类型</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Land-use structure adjustment table</source>
      <translation>国土空间功能结构调整表</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Language of the map text</source>
      <translation>图面文字语言</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Largest difference before the balance (m2)</source>
      <translation>平差前的最大差值（平方米）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Largest difference per zone that is balanced (m2)</source>
      <translation>每个控制区允许平差的最大差值（平方米）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>Largest difference to the control area that is balanced (m2)</source>
      <translation>可平差的最大控制面积差值（平方米）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Last day of the period (YYYY-MM-DD)</source>
      <translation>监测期截止日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>Later snapshot id</source>
      <translation>较晚快照编号</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring_report.py" />
      <source>Later year total</source>
      <translation>变更年度合计</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Layer</source>
      <translation>图层</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Layer kind</source>
      <translation>图层类型</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Layer {layer} ({param}) cannot be read.</source>
      <translation>图层 {layer}（{param}）无法读取。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Layer {layer} ({param}) has no coordinate reference system, and no other layer has one, so the layers cannot be overlaid. Set the CRS in the layer properties.</source>
      <translation>图层 {layer}（{param}）没有坐标参考系，其他图层也都没有，无法叠加分析。请在图层属性中设置坐标参考系。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Layer {layer} ({param}) has no features.</source>
      <translation>图层 {layer}（{param}）没有要素。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Layer {layer} ({param}) must be a point layer.</source>
      <translation>图层 {layer}（{param}）必须是点图层。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Layer {layer} ({param}) must be a polygon layer.</source>
      <translation>图层 {layer}（{param}）必须是面图层。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/classification.py" />
      <source>Layer {layer} cannot be edited.</source>
      <translation>图层 {layer} 无法编辑。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/submission_db.py" />
      <source>Layer {layer} cannot be written into {path}: {error}</source>
      <translation>图层 {layer} 无法写入 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/layers.py" />
      <source>Layer {layer} declares no text encoding; its text was read as GBK/GB18030. The layer in the project is unchanged: set its encoding in the layer properties (Source) to see its names right.</source>
      <translation>图层 {layer} 未声明文字编码，已按 GBK/GB18030 读取其文字。项目中的图层未被修改：请在图层属性（源）中设置编码，以便正确显示名称。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/planning_layers.py" />
      <source>Layer {layer} has no area field; ellipsoidal areas of the geometries are used.</source>
      <translation>图层 {layer} 没有面积字段，采用几何图形的椭球面积。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/layers.py" />
      <source>Layer {layer} has no coordinate reference system; it is read in {crs}, the CRS of layer {other}. If that is wrong, set its CRS in the layer properties.</source>
      <translation>图层 {layer} 没有坐标参考系，按图层 {other} 的坐标参考系 {crs} 读取。如不正确，请在图层属性中设置其坐标参考系。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Layer {layer} has no field {field} ({role}). Map the field in Village Planner &gt; Field mapping, or rename it.</source>
      <translation>图层 {layer} 缺少字段 {field}（{role}）。请在“村庄规划助手 &gt; 字段映射”中指定，或重命名该字段。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/plan_layers.py" />
      <source>Layer {layer} has no land-use code field (one of {fields}) and no DLBM.</source>
      <translation>图层 {layer} 没有用地用海代码字段（{fields} 之一），也没有 DLBM。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/monitoring_job.py" />
      <location filename="../village_planner/qgis_adapter/planning_layers.py" />
      <source>Layer {layer} has no planning code field (one of {fields}) and no DLBM.</source>
      <translation>图层 {layer} 没有规划用地代码字段（{fields} 之一），也没有 DLBM。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/stats.py" />
      <source>Layer {layer} has no population column (户籍人口 or 常住人口); the population figures of the ledger stay empty. Recognised columns: {columns}</source>
      <translation>图层 {layer} 没有人口列（户籍人口或常住人口），台账的人口数据将为空。已识别的列：{columns}</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/planning_layers.py" />
      <location filename="../village_planner/qgis_adapter/submission_build.py" />
      <source>Layer {layer} has no settlement type (CZCSXM), so its village construction land cannot be told from other construction land. Give the village construction boundary (CONSTRUCTION_BOUNDARY) or fill CZCSXM (201/202 urban, 203 village).</source>
      <translation>图层 {layer} 没有城镇村属性码（CZCSXM），无法区分村庄建设用地与其他建设用地。请提供村庄建设边界（CONSTRUCTION_BOUNDARY），或填写 CZCSXM（201/202 为城镇，203 为村庄）。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/planning_layers.py" />
      <source>Layer {layer} has no settlement type (CZCSXM): {n} of {total} features lie inside the village construction boundary {boundary} and count as village land.</source>
      <translation>图层 {layer} 没有城镇村属性码（CZCSXM）：{total} 个要素中有 {n} 个位于村庄建设边界 {boundary} 内，按村庄用地统计。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/plan_layers.py" />
      <source>Layer {layer} has no village code field (one of {fields}).</source>
      <translation>图层 {layer} 没有村代码字段（{fields} 之一）。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/classification.py" />
      <source>Layer {layer} has no village code field.</source>
      <translation>图层 {layer} 没有村代码字段。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Layer {layer} is already coded in the 2023 edition: {evidence}. Migrating it again would change codes that are right (2303 field ridge would become 060102 field road). Nothing was written.</source>
      <translation>图层 {layer} 已是 2023 年版代码：{evidence}。再次转换会改错本已正确的代码（2303 田坎会变成 060102 田间道）。未写出任何结果。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Layer {layer} is coded in the 2020 edition: {evidence}.</source>
      <translation>图层 {layer} 为 2020 年试行版代码：{evidence}。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Layer {layer} is in a geographic CRS ({crs}). Official areas are taken from the survey's area fields; overlays are computed in a Gauss-Kruger projection.</source>
      <translation>图层 {layer} 为地理坐标系（{crs}）。法定面积取自调查面积字段；叠加分析在高斯-克吕格投影下计算。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Layer {layer} is in {crs}, the parcels are in {pcrs}; it is reprojected.</source>
      <translation>图层 {layer} 的坐标系为 {crs}，地类图斑为 {pcrs}；已重投影。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/classification.py" />
      <source>Layer {layer} is not a ledger: it has no village_code field.</source>
      <translation>图层 {layer} 不是台账：没有 village_code 字段。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Layer {layer} mixes codes of the 2020 and 2023 editions, so it cannot be migrated as a whole. 2023 edition: {e2023}. 2020 edition: {e2020}. Nothing was written; correct the features of one edition first.</source>
      <translation>图层 {layer} 混有 2020 年版和 2023 年版代码，无法整体转换。2023 年版：{e2023}。2020 年版：{e2020}。未写出任何结果；请先更正其中一个版本的要素。</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Layer {layer} styled by {field}.</source>
      <translation>图层 {layer} 已按 {field} 配色。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/stats.py" />
      <source>Layer {layer}: no village code column found (expected one of 村代码, village_code, ZLDWDM).</source>
      <translation>图层 {layer}：未找到村代码列（应为 村代码、village_code 或 ZLDWDM 之一）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Leading industry</source>
      <translation>主导产业</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Ledger</source>
      <translation>台账</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>Ledger changes</source>
      <translation>台账变化</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Ledger layer</source>
      <translation>台账图层</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Ledger of {n} villages built; {w} warnings.</source>
      <translation>已生成 {n} 个村的台账；警告 {w} 条。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Ledger profile (JSON; empty for the default)</source>
      <translation>台账口径文件（JSON；留空使用默认口径）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Ledger report</source>
      <translation>台账报告</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Ledger workbook</source>
      <translation>台账工作簿</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Legend</source>
      <translation>图例</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Map book of town {town}: {error}</source>
      <translation>乡镇 {town} 图集：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Maps (empty: every map whose layers were given)</source>
      <translation>图件（留空则导出已提供图层的全部图件）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Merge field package</source>
      <translation>合并外业核查包</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Merge field package…</source>
      <translation>合并外业核查包…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Merge report</source>
      <translation>合并报告</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Merge report workbook</source>
      <translation>合并报告工作簿</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Merged package {id}: {i} inserted, {u} updated, {d} deleted, {c} conflicts.</source>
      <translation>已合并外业包 {id}：新增 {i} 条，更新 {u} 条，删除 {d} 条，冲突 {c} 条。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Merges a field package (its folder, or the folder zipped) back into the planning database it was made from, in one transaction, by each row's uuid. A row changed in the field is applied when the database row still has the version it had when the package was made; a row changed on both sides, or deleted in the field and changed in the office, is a conflict: nothing is overwritten and the report lists both versions field by field. Photos are copied once into the database's attachment folder. A package merged before, or made from another database, is refused. Every merge is recorded.</source>
      <translation>按每条记录的唯一标识（uuid），在一个事务中把外业包（文件夹或其 zip 压缩包）合并回生成它的规划数据库。外业修改的记录，若数据库中该记录仍是打包时的版本，则写入；双方都修改过的记录，或外业删除而内业修改过的记录，视为冲突：不覆盖任何数据，报告逐字段列出两个版本。照片只复制一次到数据库的附件文件夹。已合并过的外业包或来自其他数据库的外业包将被拒绝。每次合并都有记录。</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Message</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Migrate planning codes from the 2020 trial edition to 2023</source>
      <translation>规划用地代码由 2020 年试行版转换为 2023 年版</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Monitor plan implementation (change survey)</source>
      <translation>规划实施监测（年度变更调查）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>Monitoring</source>
      <translation>实施监测</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Monitoring per village</source>
      <translation>分村监测结果</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Monitoring report</source>
      <translation>监测报告</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Monitoring workbook</source>
      <translation>监测工作簿</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Movement</source>
      <translation>变动类型</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>Movements (CSV or XLSX)</source>
      <translation>变动表（CSV 或 XLSX）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>Movements applied</source>
      <translation>已登记的变动数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>Movements refused</source>
      <translation>被拒绝的变动数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>NOT READY: {n} errors</source>
      <translation>不可入库：{n} 个错误</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Name field (to recognise the edition)</source>
      <translation>名称字段（用于识别分类版本）</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <source>National reference</source>
      <translation>全国参考比例</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Net class area (TBDLMJ)</source>
      <translation>图斑地类面积（TBDLMJ）</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Net construction (ha)</source>
      <translation>建设用地净增（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>New construction</source>
      <translation>新增建设用地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>New construction (ha)</source>
      <translation>新增建设用地（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/quota_database.py" />
      <source>No PostgreSQL connection named {name} is saved in QGIS.</source>
      <translation>QGIS 中没有名为 {name} 的 PostgreSQL 连接。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>No code or name of {layer} tells which edition it is in; it is migrated as the 2020 edition, as asked. Check these codes, whose meaning differs between the editions: {codes}.</source>
      <translation>图层 {layer} 的代码和名称均无法判断其分类版本，按要求作为 2020 年版转换。请核对以下在两版中含义不同的代码：{codes}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>No counterpart / difference</source>
      <translation>无对应图斑/差额</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>No overlap: the draw can be recorded.</source>
      <translation>无重叠：可以登记使用。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <source>No preview yet</source>
      <translation>尚无预览</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>No row in the village statistics.</source>
      <translation>村庄统计表中没有该村记录。</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>No village is flagged.</source>
      <translation>没有村被标记。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <source>No village is selected: select villages on the map, or choose all villages.</source>
      <translation>未选择村庄：请在地图上选择村庄，或选择“全部村庄”。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/processing/decide_category.py" />
      <source>No village to decide.</source>
      <translation>没有需要决定的村。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>No.</source>
      <translation>序号</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>None of the village codes {codes} is in the village layer.</source>
      <translation>村庄图层中没有村代码 {codes} 中的任何一个。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/compat.py" />
      <source>Not enough memory to export the layout.</source>
      <translation>内存不足，无法导出图面。</translation>
    </message>
    <message>
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <source>Not ready for submission: {n} errors must be corrected.</source>
      <translation>不可入库：须改正 {n} 个错误。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <source>Nothing to preview: choose villages and maps whose layers are given.</source>
      <translation>无可预览内容：请选择村庄以及已提供图层的图件。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/submission_build.py" />
      <source>OUTPUT_FOLDER: the database of village {code} would be {path}, which is an input of this run ({param}). Choose another folder.</source>
      <translation>OUTPUT_FOLDER：村 {code} 的数据库将是 {path}，而它是本次运行的输入（{param}）。请另选文件夹。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/submission_build.py" />
      <source>OUTPUT_FOLDER: {path} exists and was not written by this plugin; it is left as it is. Move it or choose another folder.</source>
      <translation>OUTPUT_FOLDER：{path} 已存在且不是本插件写出的，保持不动。请移走它或另选文件夹。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>OUTPUT_FOLDER: {path} is not a folder that can be written.</source>
      <translation>OUTPUT_FOLDER：{path} 不是可写入的文件夹。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>Office value</source>
      <translation>内业值</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>On an existing pool: add the missing village accounts (and update category and planned construction land)</source>
      <translation>对已有指标池：补充缺少的村庄账户（并更新分类和规划建设用地）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>On permanent basic farmland</source>
      <translation>占用永久基本农田</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>On permanent basic farmland (ha)</source>
      <translation>占用永久基本农田（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Only the villages selected in the ledger layer</source>
      <translation>仅台账图层中选中的村</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Other agricultural land</source>
      <translation>其他农用地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Other agricultural land (garden, ponds, ditches, facility farmland, rural roads, field ridges)</source>
      <translation>其他农用地（园地、坑塘、沟渠、设施农用地、农村道路、田坎）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Other change</source>
      <translation>其他变化</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/core/monitoring.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Other land</source>
      <translation>其他用地</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <location filename="../village_planner/processing/build_submission.py" />
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Output folder</source>
      <translation>输出文件夹</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Overlap with {what}: {m2:.2f} m2</source>
      <translation>与{what}重叠：{m2:.2f} 平方米</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Overlay CRS</source>
      <translation>叠加分析坐标系</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/ledger_job.py" />
      <source>Overlay with {layer}</source>
      <translation>与 {layer} 叠加</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/monitoring_job.py" />
      <source>Overlaying the two surveys</source>
      <translation>正在叠加两期调查图斑</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Ownership (QSXZ)</source>
      <translation>权属性质（QSXZ）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>PDF</source>
      <translation>PDF</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>PDF (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>PDF and PNG</source>
      <translation>PDF 和 PNG</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>PERIOD_START {start} is after PERIOD_END {end}.</source>
      <translation>监测期起始日期 PERIOD_START {start} 晚于截止日期 PERIOD_END {end}。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>PNG</source>
      <translation>PNG</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Package folder</source>
      <translation>外业包文件夹</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Package project</source>
      <translation>外业包工程</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Package {id} of {when} ({surveyor}) for villages {villages} is not merged yet; rows edited in both packages will be conflicts at the second merge.</source>
      <translation>{when}（{surveyor}）为村 {villages} 生成的数据包 {id} 尚未合并；两个数据包中都修改过的行将在第二次合并时成为冲突。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Paddy</source>
      <translation>水田</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Paper</source>
      <translation>纸张</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Parcel area (TBMJ)</source>
      <translation>图斑面积（TBMJ）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/sample_county.py" />
      <source>Parcels</source>
      <translation>图斑数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Parcels (e.g. the planned land use)</source>
      <translation>图斑（如规划用地图层）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Parcels in no zone</source>
      <translation>不在任何控制区内的图斑数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Parcels in planning codes</source>
      <translation>规划分类图斑</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Parcels read</source>
      <translation>读取图斑数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Parcels to be split</source>
      <translation>待细分图斑数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Parcels to be split per village</source>
      <translation>各村待细分图斑数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Parcels with an unknown survey code</source>
      <translation>调查地类无法识别的图斑数</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Period</source>
      <translation>监测期</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Permanent basic farmland</source>
      <translation>永久基本农田</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <location filename="../village_planner/qgis_adapter/roles.py" />
      <source>Permanent basic farmland (YJJBNTTB)</source>
      <translation>永久基本农田（YJJBNTTB）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>Plan maps and tables</source>
      <translation>规划图表</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <location filename="../village_planner/gui/monitoring_dock.py" />
      <source>Plan monitoring</source>
      <translation>规划实施监测</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/monitoring_dock.py" />
      <location filename="../village_planner/plugin.py" />
      <source>Plan monitoring (change survey)</source>
      <translation>规划实施监测（变更调查）</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Planned land use</source>
      <translation>规划用地</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/roles.py" />
      <source>Planned land use (planning codes)</source>
      <translation>规划用地（规划分类代码）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Planner</source>
      <translation>规划人员</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/processing/decide_category.py" />
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>Planning GeoPackage</source>
      <translation>规划 GeoPackage</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Planning GeoPackage for the snapshot (optional; the project's by default)</source>
      <translation>保存快照的规划 GeoPackage（可选；默认使用工程的规划库）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>Planning GeoPackage with decisions (optional; the project's by default)</source>
      <translation>保存分类决定的规划 GeoPackage（可选；默认使用工程的规划库）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Planning database</source>
      <translation>规划数据库</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_params.py" />
      <source>Planning database (.gpkg path, PostGIS connection string, or connection:NAME of a saved QGIS connection)</source>
      <translation>规划数据库（.gpkg 路径、PostGIS 连接字符串，或 connection:名称 表示 QGIS 中保存的连接）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Planning database (.gpkg)</source>
      <translation>规划数据库（.gpkg）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <location filename="../village_planner/processing/field_package.py" />
      <source>Planning database (.gpkg, PostgreSQL connection string or connection:NAME)</source>
      <translation>规划数据库（.gpkg、PostgreSQL 连接串或 connection:名称）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Planning indicator table</source>
      <translation>规划指标一览表</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Planning land-use code</source>
      <translation>规划用地代码</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Planning land-use code (draws)</source>
      <translation>规划用地代码（使用指标时）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Planning layer (2020 codes)</source>
      <translation>规划图层（2020 版代码）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Planning layer (2023 codes)</source>
      <translation>规划图层（2023 版代码）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Planning period</source>
      <translation>规划期限</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Planning period: {period}</source>
      <translation>规划期限：{period}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Policy</source>
      <translation>政策</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Pool</source>
      <translation>指标池</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Pool balance (ha)</source>
      <translation>指标池余额（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Pool report</source>
      <translation>指标池报告</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Pool settings as sealed</source>
      <translation>指标池设置与封存一致</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Pool workbook</source>
      <translation>指标池工作簿</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Prepare field package</source>
      <translation>准备外业核查包</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Prepare field package…</source>
      <translation>准备外业核查包…</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <source>Preview the first page</source>
      <translation>预览第一页</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <source>Print layout template (*.qpt)</source>
      <translation>打印布局模板 (*.qpt)</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Print layout template (.qpt, optional)</source>
      <translation>打印布局模板（.qpt，可选）</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Profile</source>
      <translation>台账口径</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>Profile file not found: {path}</source>
      <translation>找不到台账口径文件：{path}</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Profile hash (SHA-256)</source>
      <translation>口径文件哈希（SHA-256）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>Profile {path} has no 'land_accounts' section.</source>
      <translation>台账口径 {path} 缺少“land_accounts”部分。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>Profile {path} has no land account '{account}'.</source>
      <translation>台账口径 {path} 缺少用地账“{account}”。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>Profile {path} is not a JSON object.</source>
      <translation>台账口径 {path} 不是 JSON 对象。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>Profile {path} is not valid UTF-8 JSON: {error}</source>
      <translation>台账口径 {path} 不是有效的 UTF-8 JSON：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>Profile {path} needs 'construction_split' with 'village' and 'urban' lists.</source>
      <translation>台账口径 {path} 需要包含“village”和“urban”列表的“construction_split”。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>Profile {path}: code {code} is listed in both {a} and {b}.</source>
      <translation>台账口径 {path}：编码 {code} 同时列在 {a} 和 {b} 中。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>Profile {path}: unknown fallback_account.</source>
      <translation>台账口径 {path}：fallback_account 无法识别。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/profile.py" />
      <source>Profile {path}: unknown land account '{account}' (the accounts are {accounts}).</source>
      <translation>台账口径 {path}：未知的用地账“{account}”（可用的用地账为 {accounts}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Project</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Public administration and services land</source>
      <translation>公共管理与公共服务用地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Purpose</source>
      <translation>用途</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Purpose (e.g. resettlement)</source>
      <translation>用途（如 resettlement 安置）</translation>
    </message>
    <message>
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/plan_report.py" />
      <source>Quality check of the village plan</source>
      <translation>村庄规划成果质检</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <location filename="../village_planner/processing/check_plan.py" />
      <source>Quality-check findings</source>
      <translation>质检问题</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/check_plan.py" />
      <source>Quality-check report</source>
      <translation>质检报告</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/params.py" />
      <source>Quality-check rules (JSON; empty for the default)</source>
      <translation>质检规则（JSON；留空则用默认规则）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>Quality-check rules not found: {path}</source>
      <translation>找不到质检规则：{path}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>Quality-check rules {path}</source>
      <translation>质检规则 {path}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>Quality-check rules {path} is not valid UTF-8 JSON: {error}</source>
      <translation>质检规则 {path} 不是有效的 UTF-8 JSON：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/check_plan.py" />
      <source>Quality-check workbook</source>
      <translation>质检工作簿</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Quota policy (JSON; empty for the default)</source>
      <translation>指标政策文件（JSON；留空使用默认政策）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Quota policy file not found: {path}</source>
      <translation>找不到指标政策文件：{path}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Quota policy {path}</source>
      <translation>指标政策 {path}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Quota policy {path} has no 'allocation_by_category'.</source>
      <translation>指标政策文件 {path} 缺少“allocation_by_category”。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Quota policy {path} is not valid UTF-8 JSON: {error}</source>
      <translation>指标政策文件 {path} 不是有效的 UTF-8 JSON：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Quota policy {path}: flexible_reserve_ratio must be a number from 0 to 1 (given {value}).</source>
      <translation>指标政策 {path}：flexible_reserve_ratio 必须是 0 到 1 之间的数（给出的是 {value}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <location filename="../village_planner/plugin.py" />
      <source>Quota pool</source>
      <translation>指标池</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Quota pool (.gpkg path, PostGIS connection string, or connection:NAME of a saved QGIS connection)</source>
      <translation>指标池（.gpkg 路径、PostGIS 连接字符串，或 QGIS 中已保存连接的 connection:名称）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Quota pool created: {n} villages, control total {c} ha, baseline {b:.4f} ha, headroom {h:.4f} ha.</source>
      <translation>指标池已建立：{n} 个村，总量控制 {c} 公顷，基期 {b:.4f} 公顷，余量 {h:.4f} 公顷。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Quota pool report</source>
      <translation>指标池报告</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/sample_county.py" />
      <source>Random seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <location filename="../village_planner/processing/check_plan.py" />
      <source>Reading the layers</source>
      <translation>正在读取图层</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/ledger_job.py" />
      <location filename="../village_planner/qgis_adapter/monitoring_job.py" />
      <source>Reading {n} parcels from {layer}</source>
      <translation>正在从 {layer} 读取 {n} 个图斑</translation>
    </message>
    <message>
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <source>Ready for submission: no errors.</source>
      <translation>可以入库：没有错误。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Reason (required to override)</source>
      <translation>理由（改变建议类别时必填）</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Reasons</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Receiving village code</source>
      <translation>调入村代码</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Receiving village code (transfers)</source>
      <translation>调入村代码（调剂时）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Reclaimed (ha)</source>
      <translation>已复垦（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Record category decisions…</source>
      <translation>记录分类决定…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Record it even if the same movement is already in the journal (same document number, movement, village and area)</source>
      <translation>即使流水中已有相同变动（批复文号、变动类型、村庄和面积均相同）也记账</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Record quota movement</source>
      <translation>登记指标变动</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Record quota movement…</source>
      <translation>登记指标变动…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>Record rows already in the journal, or repeated in the file, again (same document number, movement, village and area)</source>
      <translation>仍记录已在流水中或文件内重复的行（批复文号、变动类型、村庄和面积均相同）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Record village category decisions</source>
      <translation>记录村庄分类决定</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Recorded as journal entry {seq}; pool balance {pool:.4f} ha.</source>
      <translation>已登记为第 {seq} 号流水；指标池余额 {pool:.4f} 公顷。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <source>Records one movement of the quota pool (inflow, allocate, draw, return, transfer, expire or reverse) after checking every rule in the same transaction: no account below zero, the county control total, no draw on permanent basic farmland or the red line, the 5% flexible reserve and allocation by village category. The area must be a plausible number of hectares (not more than the control total) and the date a real date (YYYY-MM-DD, 1949 to a few years ahead). A movement already recorded (same document number, movement, village and area, not reversed) is refused unless duplicates are allowed. A refused movement writes nothing and says which rule, with the figures.</source>
      <translation>在同一事务中逐条核对规则后，记录指标池的一笔变动（入池、分配、使用、退回、调剂、过期收回或冲销）：账户余额不得为负、建设用地总量不突破、不得占用永久基本农田和生态保护红线、机动指标不超过 5%、按村庄分类分配。面积须为合理的公顷数（不超过控制总量），日期须为真实日期（YYYY-MM-DD，1949 年至今后几年）。已记账的相同变动（批复文号、变动类型、村庄和面积均相同且未冲销）会被拒绝，除非允许重复。被拒绝的变动不写入任何内容，并说明违反的规则和相关数字。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Records the planner's decision for the villages of a classification (its selected features, the listed village codes, or all): accept the suggestion or choose another category. Choosing another category needs a reason. Decisions are added to the history in the planning GeoPackage; older decisions are kept.</source>
      <translation>为分类结果中的村庄（选中的要素、列出的村代码或全部）记录规划人员的决定：采纳建议或选择其他类别。选择其他类别必须填写理由。决定追加到规划 GeoPackage 的历史记录中，以前的决定保留不变。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Reference layers (clipped to the villages, read-only in the package)</source>
      <translation>参考图层（裁切到村庄范围，外业包中只读）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_movement.py" />
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Refused by rule '{rule}': {reason}</source>
      <translation>违反规则“{rule}”，已拒绝：{reason}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Regional and other construction land</source>
      <translation>区域基础设施及其他建设用地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Registered population</source>
      <translation>户籍人口</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Resident population</source>
      <translation>常住人口</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Resident ratio</source>
      <translation>常住/户籍比</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Residential land</source>
      <translation>住宅用地</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Resolution (dpi)</source>
      <translation>分辨率（dpi）</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Resource baseline ledger (4+2)</source>
      <translation>“4+2”资源本底台账</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Resource ledger</source>
      <translation>资源本底台账</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>Resource ledger (layer or table)</source>
      <translation>资源本底台账（图层或表）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Restorable (K) land</source>
      <translation>可恢复耕地（K 类）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Return to the pool</source>
      <translation>退回指标池</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Returned (ha)</source>
      <translation>退回（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Reverse an entry</source>
      <translation>冲销记录</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_pg.py" />
      <source>Role {0} may not change village accounts.</source>
      <translation>角色 {0} 不能变更村庄账户。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_pg.py" />
      <source>Role {0} may not record for village {1} (not one of its towns).</source>
      <translation>角色 {0} 不能为村庄 {1} 记账（不在其负责的乡镇内）。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_pg.py" />
      <source>Role {0} may not record {1} movements.</source>
      <translation>角色 {0} 不能记录 {1} 类变动。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>Row / field</source>
      <translation>记录 / 字段</translation>
    </message>
    <message>
      <location filename="../village_planner/core/stats.py" />
      <source>Row {row} has no valid 12-digit village code; the row is ignored.</source>
      <translation>第 {row} 行没有有效的 12 位村代码，已忽略该行。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>Row {row} repeats row {first} of this file (same document number, movement, village and area); to record both, allow duplicates.</source>
      <translation>第 {row} 行与本文件第 {first} 行重复（批复文号、变动类型、村庄和面积均相同）；如需两行都记账，请允许重复。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>Row {row}: refused by rule '{rule}': {reason}</source>
      <translation>第 {row} 行：违反规则“{rule}”，已拒绝：{reason}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/stats.py" />
      <source>Row {row}: value '{value}' of {field} is not a number; it is left empty.</source>
      <translation>第 {row} 行：{field} 的值“{value}”不是数字，按空值处理。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/stats.py" />
      <source>Row {row}: {field} = {value} is outside the plausible range {low:g} to {high:g}; it is left empty.</source>
      <translation>第 {row} 行：{field} = {value} 超出合理范围 {low:g} 至 {high:g}，按空值处理。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Rows applied</source>
      <translation>已写入记录数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Rows skipped (see the report)</source>
      <translation>跳过的行（见合并报告）</translation>
    </message>
    <message>
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/plan_report.py" />
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <source>Rule</source>
      <translation>规则</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/plan_report.py" />
      <source>Rules</source>
      <translation>规则</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules file not found: {path}</source>
      <translation>找不到规则文件：{path}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules {path}</source>
      <translation>规则文件 {path}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules {path} has no rules.</source>
      <translation>规则文件 {path} 中没有规则。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules {path} is not valid UTF-8 JSON: {error}</source>
      <translation>规则文件 {path} 不是有效的 UTF-8 JSON：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules {path}: 'categories' must list exactly {keys}.</source>
      <translation>规则文件 {path}：“categories”必须恰好列出 {keys}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules {path}: rule {rule} has an unknown category.</source>
      <translation>规则文件 {path}：规则 {rule} 的类别无法识别。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules {path}: rule {rule} has an unknown operator {op}.</source>
      <translation>规则文件 {path}：规则 {rule} 的运算符 {op} 无法识别。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules {path}: rule {rule} reads an unknown indicator {ind}.</source>
      <translation>规则文件 {path}：规则 {rule} 使用了未定义的指标 {ind}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules {path}: the last rule must match always.</source>
      <translation>规则文件 {path}：最后一条规则必须无条件命中（always）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>Rules {path}: the rule ids {ids} are used more than once.</source>
      <translation>规则文件 {path}：规则编号 {ids} 重复使用。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <source>Run the check…</source>
      <translation>运行质检…</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>SURVEY_DB: {path} does not exist.</source>
      <translation>SURVEY_DB：{path} 不存在。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>SURVEY_DB: {path} has no verified homesteads yet; the ledger has no homestead figures.</source>
      <translation>SURVEY_DB：{path} 尚无已核查的宅基地；台账不含宅基地数据。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/sample_county.py" />
      <source>Sample county GeoPackage</source>
      <translation>示例县 GeoPackage</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Search villages by name or code</source>
      <translation>按村名或代码搜索</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Select a land-use layer with a DLBM or GHDLBM field first.</source>
      <translation>请先选择含 DLBM 或 GHDLBM 字段的用地图层。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Select the draw parcel in a polygon layer first.</source>
      <translation>请先在面图层中选中用地地块。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/monitoring_dock.py" />
      <source>Selected piece</source>
      <translation>选中的图斑</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/export_dialog.py" />
      <source>Selected villages</source>
      <translation>选中的村</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/classification.py" />
      <source>Set village categories</source>
      <translation>设置村庄类别</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Settlement type (CZCSXM)</source>
      <translation>城镇村属性码（CZCSXM）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>Several per household</source>
      <translation>一户多宅</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Severity</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <source>Share</source>
      <translation>占比</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>Share (%)</source>
      <translation>占比（%）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_merge.py" />
      <source>Skipped in {layer} {uuid}: {reason}</source>
      <translation>已跳过 {layer} {uuid}：{reason}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Slivers ignored (ha)</source>
      <translation>已忽略的细碎图斑（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Slivers ignored (pieces)</source>
      <translation>已忽略的细碎图斑（个）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Slope grade (GDPDJB)</source>
      <translation>耕地坡度级别（GDPDJB）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Slope grade 1</source>
      <translation>坡度一级</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Slope grade 2</source>
      <translation>坡度二级</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Slope grade 3</source>
      <translation>坡度三级</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Slope grade 4</source>
      <translation>坡度四级</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Slope grade 5</source>
      <translation>坡度五级</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Smallest piece that counts as change (m2)</source>
      <translation>计为变化的最小图斑面积（平方米）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Snapshot id</source>
      <translation>快照编号</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Snapshot label</source>
      <translation>快照标签</translation>
    </message>
    <message>
      <location filename="../village_planner/store/snapshots.py" />
      <source>Snapshot {id} is not in {path}.</source>
      <translation>{path} 中没有快照 {id}。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Snapshot {id} stored in {path}</source>
      <translation>快照 {id} 已保存到 {path}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Source</source>
      <translation>数据源</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Special land</source>
      <translation>特殊用地</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Structure table</source>
      <translation>结构调整表</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Structure workbook</source>
      <translation>结构调整表工作簿</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>Submission</source>
      <translation>成果入库</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/params.py" />
      <source>Submission database structure (JSON; empty for the default)</source>
      <translation>入库数据库结构（JSON；留空则用默认结构）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/submission.py" />
      <source>Submission database structure not found: {path}</source>
      <translation>找不到入库数据库结构：{path}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/submission.py" />
      <source>Submission database structure {path}</source>
      <translation>入库数据库结构 {path}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/submission.py" />
      <source>Submission database structure {path} is not valid UTF-8 JSON: {error}</source>
      <translation>入库数据库结构 {path} 不是有效的 UTF-8 JSON：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/submission.py" />
      <source>Submission database structure {path}: the names {names} are used more than once.</source>
      <translation>入库数据库结构 {path}：名称 {names} 重复使用。</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Suggested category</source>
      <translation>建议类别</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>Suggests each village's category (agglomeration and upgrading, suburban integration, characteristic protection, relocation and merger, or not yet classified) from its ledger, with the ordered rules of a county-editable rule file. Every suggestion names its rule and the village's own figures. Decided categories come from the planning GeoPackage and are never changed by a new run; villages whose suggestion differs from the one that was decided are marked.</source>
      <translation>依据各村台账和县（区）可编辑规则文件中的有序规则，建议各村类别（集聚提升类、城郊融合类、特色保护类、搬迁撤并类或暂不分类）。每条建议都注明所依据的规则和该村的实际数值。已确定的类别来自规划 GeoPackage，重新运行不会改变；建议与确定时不同的村会被标出。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring_report.py" />
      <source>Summary</source>
      <translation>汇总</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Survey code {code} is not in the crosswalk: {n} parcels left without a planning code.</source>
      <translation>调查地类 {code} 不在对照表中：{n} 个图斑未赋规划代码。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Survey parcels (DLTB)</source>
      <translation>调查图斑（DLTB）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Survey rows in the package</source>
      <translation>外业包中的核查记录数</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Survey year</source>
      <translation>调查年度</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Surveyed area (DCMJ)</source>
      <translation>调查面积（DCMJ）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Surveyor (empty: the planner name of this computer)</source>
      <translation>核查人（留空则用本机规划师姓名）</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <source>Suspect pieces</source>
      <translation>疑似违法用地图斑</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>Take the field version</source>
      <translation>采用外业版本</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>Target year</source>
      <translation>目标年</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>The area</source>
      <translation>面积</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>The area must be more than 0 ha (given {ha} ha).</source>
      <translation>面积必须大于 0 公顷（填写为 {ha} 公顷）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>The balance of {account} would fall to {after} ha (now {now} ha, movement {delta} ha).</source>
      <translation>{account} 的余额将降至 {after} 公顷（现有 {now} 公顷，本次变动 {delta} 公顷）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>The balances do not follow from the journal ({n} accounts differ{examples}).</source>
      <translation>余额与流水不符（{n} 个账户不一致{examples}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_base.py" />
      <source>The baseline construction land</source>
      <translation>基期建设用地</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>The basemap {layer} could not be clipped into the package: {error}</source>
      <translation>底图 {layer} 无法裁剪写入外业包：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>The basemap {layer} is not a raster file; only file rasters can be packaged.</source>
      <translation>底图 {layer} 不是栅格文件；只能打包文件形式的栅格。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/check_plan.py" />
      <source>The bureau's quality check before a plan is filed: legal 2023 land and sea use codes whose names match; no overlaps, gaps, parts outside the village zone, multipart, sliver or self-intersecting parcels; areas equal to the ellipsoidal areas and summing to each village's control area; no planned construction land on permanent basic farmland or the ecological red line; village construction land inside the village construction boundary; with the base-year land use, no loss of cultivated land or of cultivated land inside basic farmland, and a warning where village construction land grows. When the planned layer is already in the submission database's form (SCHEMA), its fields, types, lengths, required values and BSM are checked too. Severities, wording and tolerances are a county-editable file (RULES). Each finding names its rule, layer, feature and field, and its geometry shows where the problem is.</source>
      <translation>成果入库前按主管部门的要求质检：用地用海代码合法（2023版分类）且名称与代码相符；无重叠、缝隙、超出村域、多部件、碎片或自相交图斑；图斑面积等于椭球面积，并与各村控制面积相等；规划建设用地不占永久基本农田、不进入生态保护红线；村庄建设用地位于村庄建设边界内；给出基期年用地时，耕地和永久基本农田内耕地不减少，村庄建设用地增加时给出警告。规划图层已按入库结构（SCHEMA）组织时，还检查字段、类型、长度、必填值和标识码。严重程度、措辞和容差由县（区）可修改的文件（RULES）规定。每个问题都注明规则、图层、要素和字段，其几何图形标出问题位置。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/decide_category.py" />
      <source>The classification layer must be an output of Classify villages.</source>
      <translation>分类图层必须是“村庄分类”的输出结果。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The conflict on {layer} {uuid} was already settled ({choice}, {when}); nothing was changed.</source>
      <translation>{layer} {uuid} 的冲突已处理（{choice}，{when}）；未作任何更改。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_base.py" />
      <source>The control total</source>
      <translation>总量控制指标</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_base.py" />
      <source>The control total and the baseline construction land cannot be negative.</source>
      <translation>总量控制指标和基期建设用地不能为负数。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>The control total {c} ha is below the baseline construction land {b:.4f} ha: no draw can be recorded until reclamation brings construction land under the control total.</source>
      <translation>总量控制指标 {c} 公顷低于基期建设用地 {b:.4f} 公顷：在复垦使建设用地降至总量控制指标以内之前，无法记录任何指标使用。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_params.py" />
      <source>The database is a GeoPackage (.gpkg), a PostgreSQL connection chosen from those saved in QGIS, or DATABASE=connection:NAME. A connection string typed into DATABASE with its password is stored as typed in the Processing history and log: choose a saved connection instead, so that the password stays in QGIS's authentication store. Messages never show a password.</source>
      <translation>数据库可以是 GeoPackage 文件（.gpkg）、从 QGIS 已保存连接中选择的 PostgreSQL 连接，或 DATABASE=connection:连接名。在 DATABASE 中输入的带密码的连接字符串会原样保存在处理工具的历史记录和日志中：请改用已保存的连接，使密码留在 QGIS 的认证存储中。提示信息从不显示密码。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>The date '{date}' is not a real date in the form YYYY-MM-DD.</source>
      <translation>日期“{date}”不是 YYYY-MM-DD 格式的真实日期。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>The date {date} is outside {first}-{last}.</source>
      <translation>日期 {date} 不在 {first}–{last} 年范围内。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>The draw overlaps {what} by {m2:.2f} m2; it is refused.</source>
      <translation>使用地块与{what}重叠 {m2:.2f} 平方米，已拒绝。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>The draw would be refused.</source>
      <translation>该笔使用将被拒绝。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/compat.py" />
      <source>The export of {path} failed (code {code}).</source>
      <translation>导出 {path} 失败（代码 {code}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/stats.py" />
      <source>The file is neither UTF-8 nor GBK/GB18030 text.</source>
      <translation>该文件既不是 UTF-8 也不是 GBK/GB18030 文本。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/compat.py" />
      <source>The file {path} could not be written (folder missing, read-only, or the file is open in another program).</source>
      <translation>无法写入文件 {path}（文件夹不存在、只读，或文件已被其他程序打开）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The forms file {path} cannot be read: {error}</source>
      <translation>无法读取表单文件 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The forms file {path} is not valid JSON: {error}</source>
      <translation>表单文件 {path} 不是有效的 JSON：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The forms file {path} lacks the common fields {fields}.</source>
      <translation>表单文件 {path} 缺少公共字段 {fields}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The forms file {path} must describe the layers {layers}.</source>
      <translation>表单文件 {path} 必须描述以下图层：{layers}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>The hash chain is broken from journal entry {seq} on: that entry or one before it was changed, removed or inserted outside the plugin.</source>
      <translation>哈希链自第 {seq} 条流水起断开：该条或其前的流水被绕过插件修改、删除或插入。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>The hazard layer {layer} needs the field ZLDWDM.</source>
      <translation>灾害点图层 {layer} 需要 ZLDWDM 字段。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>The inflows recorded in the journal are not what the pool, the village accounts and the draws hold together.</source>
      <translation>流水记录的入池总量与指标池、村庄账户和已使用指标之和不符。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/processing/quota_report.py" />
      <source>The journal no longer contains the earlier anchor {anchor}: the books were rewritten or entries were deleted since that report.</source>
      <translation>流水账已不包含既往锚点 {anchor}：该报告之后账目被改写或有记录被删除。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <location filename="../village_planner/processing/quota_report.py" />
      <source>The journal still contains the earlier anchor {anchor}.</source>
      <translation>流水账仍包含既往锚点 {anchor}。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/table_algs.py" />
      <source>The land-use structure adjustment table of each village from a base-year layer and a planned layer in 2023 planning codes (a survey layer is converted on the fly): rows in the standard hierarchy with subtotals, base-year and target-year area (ha) and share (%), and the change. Rows follow resources/tables/structure_rows.json. Construction land is split by settlement type (CZCSXM): 201/202 urban, 203 village, anything else other construction land; a layer without CZCSXM takes its village land from the village construction boundary, and without either the table is not made.</source>
      <translation>依据基期年用地图层和规划用地图层（2023 版规划分类代码；调查图层会自动转换）生成各村国土空间功能结构调整表：按标准层级列出地类及小计，基期年和目标年的面积（公顷）、占比（%）及变化。表行按 resources/tables/structure_rows.json 设定。建设用地按城镇村属性码（CZCSXM）划分：201/202 为城镇，203 为村庄，其余为其他建设用地；没有 CZCSXM 的图层按村庄建设边界确定村庄用地，两者都没有时不生成该表。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>The layers for these maps were not given: {maps}</source>
      <translation>未提供以下图件所需的图层：{maps}</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/compat.py" />
      <source>The layout could not be exported as SVG layers.</source>
      <translation>无法将图面导出为 SVG 图层。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/compat.py" />
      <source>The layout could not be printed.</source>
      <translation>无法打印图面。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The manifest {path} cannot be read: {error}</source>
      <translation>无法读取清单 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/compat.py" />
      <source>The map book's pages could not be prepared.</source>
      <translation>无法准备图集的页面。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/field_store.py" />
      <source>The package has no {name}; it cannot be merged.</source>
      <translation>外业数据包中没有 {name}，无法合并。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>The package layer {layer} cannot be opened.</source>
      <translation>无法打开外业包图层 {layer}。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>The package project {path} could not be written: {error}</source>
      <translation>外业包工程 {path} 无法写入：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The package {id} was already merged on {when}; merging it again is refused and nothing was changed.</source>
      <translation>外业包 {id} 已于 {when} 合并；拒绝重复合并，未做任何修改。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The package {id} was made from another planning database ({other}); it cannot be merged into this one ({this}).</source>
      <translation>外业包 {id} 来自另一个规划数据库（{other}），不能合并到本数据库（{this}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/field_store.py" />
      <source>The package {path} has no layer {layer}.</source>
      <translation>外业包 {path} 缺少图层 {layer}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The package's manifest lacks {key} or it is malformed; it was not made by fieldpackage, or it was edited. Nothing was merged.</source>
      <translation>数据包清单缺少 {key} 或格式错误：它不是由 fieldpackage 生成，或已被修改。未合并任何内容。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/balance.py" />
      <source>The parcel areas differ from the control area by more than the tolerance ({tol} m2) in {n} zones, which means a gap or an overlap, not a rounding difference; nothing was written. Fix the geometries first. {zones}</source>
      <translation>有 {n} 个控制区的图斑面积与控制面积之差超过限差（{tol} 平方米），说明存在缝隙或重叠，而非舍入误差；未写出任何结果。请先修正几何图形。{zones}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>The parcel layer (PARCELS) is required.</source>
      <translation>必须提供地类图斑图层（PARCELS）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <location filename="../village_planner/store/quota_base.py" />
      <source>The planned construction land of village {code}</source>
      <translation>村庄 {code} 的规划建设用地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>The planned construction land of village {code} cannot be negative.</source>
      <translation>村庄 {code} 的规划建设用地不能为负。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/sqlite.py" />
      <source>The planning database {path} cannot be opened: {error}</source>
      <translation>无法打开规划数据库 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/store/field_pg.py" />
      <source>The planning database {path} cannot be read or written: {error}</source>
      <translation>无法读写规划数据库 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_store.py" />
      <location filename="../village_planner/store/sqlite.py" />
      <source>The planning database {path} cannot be used: {error}</source>
      <translation>无法使用规划数据库 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/store/field_store.py" />
      <source>The planning database {path} does not exist.</source>
      <translation>规划数据库 {path} 不存在。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/table_algs.py" />
      <source>The planning indicator table of each village: binding indicators (ecological red line, permanent basic farmland, cultivated land to keep, village construction land) and expected ones (construction land in all, population, village construction land per resident), base year and target year, from the base-year and planned layers and the village's ledger.</source>
      <translation>各村规划指标一览表：约束性指标（生态保护红线、永久基本农田、耕地保有量、村庄建设用地）和预期性指标（建设用地总规模、人口、人均村庄建设用地）的基期年和目标年数值，取自基期年用地、规划用地和该村台账。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>The pool's settings (control total, baseline, policy, village accounts or protection zones) are not those the journal sealed: they were changed outside the journal.</source>
      <translation>指标池设置（控制总量、基数、政策、村庄账户或保护范围）与流水封存的不一致：有人绕过流水作了修改。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_base.py" />
      <source>The pool's settings in {path} were changed outside the journal (verification fails); village accounts are not changed until that is resolved.</source>
      <translation>{path} 中的指标池设置被绕过流水修改（核验不通过）；在问题解决之前不变更村庄账户。</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>The print layout template {path} cannot be read: {error}</source>
      <translation>无法读取打印布局模板 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>The print layout template {path} could not be loaded.</source>
      <translation>无法加载打印布局模板 {path}。</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>The print layout template {path} does not exist.</source>
      <translation>打印布局模板 {path} 不存在。</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>The print layout template {path} has no map item.</source>
      <translation>打印布局模板 {path} 中没有地图项。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>The project's field mapping takes {role} of layer {layer} from field {field}, which the layer does not have (renamed or deleted?). Correct the mapping in Village Planner &gt; Field mapping.</source>
      <translation>本项目的字段映射规定图层 {layer} 的 {role} 取自字段 {field}，但该图层没有此字段（已改名或删除？）。请在“村庄规划助手 &gt; 字段映射”中更正映射。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_pg.py" />
      <source>The quota pool in {database} has schema version {version}; this plugin needs version {latest}. Open it once as the database owner to upgrade it ({error}).</source>
      <translation>{database} 中指标池的数据库结构为第 {version} 版；本插件需要第 {latest} 版。请以数据库所有者身份打开一次以完成升级（{error}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>The reference layer {layer} could not be written to the package: {error}</source>
      <translation>参考图层 {layer} 无法写入外业包：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_pg.py" />
      <source>The server found no village account to add or change.</source>
      <translation>服务器未发现需要新增或变更的村庄账户。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_pg.py" />
      <source>The server refused the movement by rule “{rule}”: {error}</source>
      <translation>服务器以规则“{rule}”拒绝了该变动：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_pg.py" />
      <source>The server refused the movement: {error}</source>
      <translation>服务器拒绝了该笔变动：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>The snapshot could not be stored in {path}: {error}</source>
      <translation>无法将快照保存到 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>The suggestion has changed since that decision.</source>
      <translation>此后建议类别已发生变化。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>The survey parcels have no valid coordinate reference system.</source>
      <translation>调查图斑没有有效的坐标参照系。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>The survey parcels {layer} need the fields ZLDWDM and DLBM.</source>
      <translation>调查图斑 {layer} 需要 ZLDWDM 和 DLBM 字段。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>The two snapshots were built with different ledger profiles; items may not be comparable.</source>
      <translation>两个快照使用的台账口径不同，部分项目可能不可比。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/field_store.py" />
      <source>The uuid {uuid} appears twice in the package's layer {layer}; one row per uuid, then merge again. Nothing was merged.</source>
      <translation>uuid {uuid} 在数据包图层 {layer} 中出现两次；请保证每个 uuid 只有一行后再合并。未合并任何内容。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>The village statistics have a row for {code}, which is not a village of the parcels.</source>
      <translation>村庄统计表中有 {code} 的记录，但图斑中没有该村。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>The village's indicators beside the county's distribution.</source>
      <translation>该村指标与全县分布对照。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The zipped package {path} holds a file outside its folder.</source>
      <translation>压缩的外业包 {path} 含有指向其文件夹之外的文件。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>The zipped package {path} unpacks to more than {gb} GB; it is not a field package.</source>
      <translation>压缩数据包 {path} 解压后超过 {gb} GB，不是外业数据包。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>The {layer} layer was not given; its figures are empty.</source>
      <translation>未提供{layer}图层，相关数值为空。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>These parcels have no matching village code.</source>
      <translation>这些图斑找不到对应的村代码。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Thinnest piece that counts as change (mean width, m)</source>
      <translation>计为变化的最小图斑平均宽度（米）</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_base.py" />
      <source>This movement is already recorded as journal entry {seq} (same document number, movement, village and area); to record it again, allow duplicates.</source>
      <translation>该变动已记录为第 {seq} 号流水（批复文号、变动类型、村庄和面积均相同）；如需再次记录，请允许重复。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>This village has no parcels.</source>
      <translation>该村没有图斑。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>Tools</source>
      <translation>工具</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Total area</source>
      <translation>总面积</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Town</source>
      <translation>乡镇</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Transfer between villages</source>
      <translation>村间调剂</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Transferred in (ha)</source>
      <translation>调入（公顷）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Transferred out (ha)</source>
      <translation>调出（公顷）</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <location filename="../village_planner/core/monitoring_report.py" />
      <source>Transition matrix</source>
      <translation>土地利用转移矩阵</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Transport land</source>
      <translation>交通运输用地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>Type</source>
      <translation>属性</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>Unassigned parcels</source>
      <translation>未归属图斑</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Unexplained new construction</source>
      <translation>未批先建</translation>
    </message>
    <message>
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <location filename="../village_planner/core/monitoring.py" />
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>Unexplained new construction (ha)</source>
      <translation>未批先建面积（公顷）</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/core/table_export.py" />
      <source>Unit</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../village_planner/store/classification.py" />
      <source>Unknown category '{category}' for village {code}.</source>
      <translation>村 {code} 的类别“{category}”无法识别。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Unknown inflow source '{source}'; the policy lists {sources}.</source>
      <translation>指标来源“{source}”无法识别；政策中列有 {sources}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Unknown movement '{kind}'.</source>
      <translation>变动类型“{kind}”无法识别。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Urban construction land</source>
      <translation>城镇建设用地</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Urban development boundary</source>
      <translation>城镇开发边界</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/processing/classify_villages.py" />
      <location filename="../village_planner/qgis_adapter/roles.py" />
      <source>Urban development boundary (CZKFBJ)</source>
      <translation>城镇开发边界（CZKFBJ）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>VILLAGE_CODES: give 12-digit village codes separated by commas; {wrong} is not one.</source>
      <translation>VILLAGE_CODES：请填写以逗号分隔的 12 位村代码；{wrong} 不是有效代码。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>VILLAGE_CODES: no survey parcel belongs to the villages {codes}.</source>
      <translation>VILLAGE_CODES：没有属于村庄 {codes} 的调查图斑。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/quota_geometry.py" />
      <source>VILLAGE_ZONES: feature {fid} of layer {layer} has no village code in field {field}.</source>
      <translation>VILLAGE_ZONES（村级调查区）：图层 {layer} 的要素 {fid} 在字段 {field} 中没有村代码。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>VILLAGE_ZONES: features {fids} of layer {layer} share the village code {code}; they make one account (its name and boundary from feature {first}).</source>
      <translation>VILLAGE_ZONES：图层 {layer} 的要素 {fids} 使用相同的村代码 {code}，合并为一个账户（名称和边界取自要素 {first}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/quota_geometry.py" />
      <source>VILLAGE_ZONES: layer {layer} has no village code field (ZLDWDM or village_code).</source>
      <translation>VILLAGE_ZONES（村级调查区）：图层 {layer} 没有村代码字段（ZLDWDM 或 village_code）。</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Value</source>
      <translation>数值</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Verification</source>
      <translation>核验</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>Verification FAILED.</source>
      <translation>核验未通过。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Verification failed: {detail}</source>
      <translation>核验未通过：{detail}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Verified (1 = books and chain are sound)</source>
      <translation>核验结果（1 = 账目与哈希链无误）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>Village</source>
      <translation>村</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <location filename="../village_planner/processing/provider.py" />
      <source>Village Planner</source>
      <translation>村庄规划助手</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Village Planner needs Python packages that are missing: {names}. Windows: open the OSGeo4W Shell and run: {win}. Linux: run: {linux}. Then restart QGIS.</source>
      <translation>村庄规划助手缺少以下 Python 包：{names}。Windows：打开 OSGeo4W Shell 并运行：{win}。Linux：运行：{linux}。然后重启 QGIS。</translation>
    </message>
    <message>
      <location filename="../village_planner/plugin.py" />
      <source>Village Planner {version}: resource ledgers, village classification, quota accounting and plan maps for county planning bureaus.</source>
      <translation>村庄规划助手 {version}：为区县规划部门提供资源本底台账、村庄分类、指标核算和规划图件。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Village accounts</source>
      <translation>村账户数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Village accounts added</source>
      <translation>新增村庄账户</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Village accounts added later: on a database that already holds a pool, ADD_VILLAGES adds the accounts of the ledger or the village zones that the pool lacks, and changes the category (from the classification) and the planned construction land (from the ledger) of those it has. The control total, baseline, policy and protection zones are not changed. All the changes are made in one transaction and recorded as one journal entry (movement 'accounts', with AUTHOR and DOCUMENT_NO) that the hash chain seals, so the pool keeps verifying (VERIFIED=1 in the report) and the change shows in the journal. A change that would leave a village's flexible draws over its reserve is refused; on PostGIS only an administrator (vp_admin) may make it, through the server's own write path.</source>
      <translation>事后补充村庄账户：数据库中已有指标池时，ADD_VILLAGES 会补充资源台账或村级调查区中指标池缺少的村庄账户，并更新已有账户的分类（取自村庄分类）和规划建设用地（取自资源台账）。控制总量、基数、政策和保护范围不变。所有变更在一个事务中完成，并记为一条由哈希链封存的流水（变动类型“accounts”，含 AUTHOR 和 DOCUMENT_NO），因此指标池仍可通过核验（报告中 VERIFIED=1），变更也在流水中可查。会使某村已用机动指标超过其上限的变更将被拒绝；在 PostGIS 上只有管理员（vp_admin）能通过服务器自身的写入途径进行此操作。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Village accounts added or changed</source>
      <translation>新增或变更村庄账户</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Village accounts changed</source>
      <translation>变更村庄账户</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Village area</source>
      <translation>村域面积</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Village boundary</source>
      <translation>村界</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../village_planner/gui/classification_wizard.py" />
      <location filename="../village_planner/processing/base.py" />
      <source>Village classification</source>
      <translation>村庄分类</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Village classification (output of Classify villages)</source>
      <translation>村庄分类结果（“村庄分类”的输出）</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Village code</source>
      <translation>行政村代码</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Village code (ZLDWDM)</source>
      <translation>村代码（ZLDWDM）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/stats.py" />
      <source>Village code {code} appears more than once; the first row is used.</source>
      <translation>村代码 {code} 出现多次，采用第一行。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Village code {code} appears on {n} features ({ids}); they are treated as one village.</source>
      <translation>村代码 {code} 出现在 {n} 个要素上（{ids}），按同一个村处理。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Village codes (12 digits, separated by commas)</source>
      <translation>村庄代码（12 位，用逗号分隔）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <location filename="../village_planner/processing/params.py" />
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Village codes (comma separated; empty for all)</source>
      <translation>村代码（逗号分隔；留空为全部）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Village codes (comma separated; empty: selected features, or all)</source>
      <translation>村代码（逗号分隔；留空则为选中要素或全部）</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/plan_layers.py" />
      <source>Village codes not in layer {layer}: {codes}</source>
      <translation>图层 {layer} 中没有以下村代码：{codes}</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <location filename="../village_planner/qgis_adapter/roles.py" />
      <source>Village construction boundary</source>
      <translation>村庄建设边界</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/table_algs.py" />
      <source>Village construction boundary (for layers without CZCSXM)</source>
      <translation>村庄建设边界（用于没有 CZCSXM 的图层）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Village construction land</source>
      <translation>村庄建设用地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Village construction land per resident</source>
      <translation>人均村庄建设用地</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>Village feature {fid} has no valid 12-digit code in {field}.</source>
      <translation>村要素 {fid} 的 {field} 中没有有效的 12 位代码。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Village layer to receive the category</source>
      <translation>写入类别的村界图层</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <location filename="../village_planner/plugin.py" />
      <source>Village ledger</source>
      <translation>村庄台账</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring_report.py" />
      <source>Village matrices</source>
      <translation>分村转移矩阵</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../resources/templates/monitoring_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <source>Village name</source>
      <translation>村名称</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <source>Village name (ZLDWMC)</source>
      <translation>村名称（ZLDWMC）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_report.py" />
      <source>Village quota balances</source>
      <translation>各村指标余额</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/resource_ledger.py" />
      <source>Village statistics (table layer, or CSV/XLSX file)</source>
      <translation>村庄统计表（表图层，或 CSV/XLSX 文件）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/stats.py" />
      <source>Village statistics file not found: {path}</source>
      <translation>找不到村庄统计文件：{path}</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/ledger_job.py" />
      <source>Village statistics {path}: {error}</source>
      <translation>村庄统计表 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/field_mapping.py" />
      <location filename="../village_planner/qgis_adapter/roles.py" />
      <source>Village zones (CJDCQ)</source>
      <translation>村级调查区（CJDCQ）</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>Village zones (CJDCQ; village accounts when no ledger is given)</source>
      <translation>村级调查区（CJDCQ；未给定资源台账时据此建立村庄账户）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Village {code} ({category}) may not receive quota under policy {policy}.</source>
      <translation>按政策 {policy}，村 {code}（{category}）不得分配指标。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Village {code} ({category}) may receive quota only for: {purposes} (this one: '{purpose}').</source>
      <translation>村 {code}（{category}）只能为以下用途分配指标：{purposes}（本次用途：“{purpose}”）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Village {code} has drawn {used} ha of flexible reserve; a planned construction land of {planned} ha would allow only {limit} ha ({ratio:.0%}).</source>
      <translation>村庄 {code} 已使用机动指标 {used} 公顷；规划建设用地改为 {planned} 公顷后只允许 {limit} 公顷（{ratio:.0%}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/submission.py" />
      <source>Village {code} has more than {n} features in one layer.</source>
      <translation>村庄 {code} 在一个图层中的要素多于 {n} 个。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>Village {code} has no account in this pool.</source>
      <translation>村 {code} 在本指标池中没有账户。</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Village {code} has no geometry in the village layer (feature {fid}); its maps cannot be drawn.</source>
      <translation>村庄 {code} 在村庄图层中没有几何图形（要素 {fid}），无法绘制其图件。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>Village {code} has no parcels.</source>
      <translation>村 {code} 没有图斑。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>Village {code} has no row in the village statistics.</source>
      <translation>村 {code} 在村庄统计表中没有记录。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>Village {code} {name}</source>
      <translation>村庄 {code} {name}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Village {code} {name}, {map}: {error}</source>
      <translation>村 {code} {name}，{map}：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/store/classification.py" />
      <source>Village {code}: choosing {final} instead of the suggested {suggested} needs a reason.</source>
      <translation>村 {code}：不采纳建议类别 {suggested} 而选择 {final}，必须填写理由。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/classification.py" />
      <source>Village {code}: the planner's name is required.</source>
      <translation>村 {code}：必须填写规划人员姓名。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>Village {code}: the suggestion is now {new} (it was {old} when the category {final} was decided); the decision is kept.</source>
      <translation>村 {code}：当前建议为 {new}（确定类别 {final} 时的建议为 {old}）；已确定的类别保持不变。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>Village {code}: {n} parcels to be split</source>
      <translation>村 {code}：{n} 个图斑待细分</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Village-wide current land use map</source>
      <translation>村域综合现状图</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>Village-wide land and space use plan map</source>
      <translation>村域国土空间规划图</translation>
    </message>
    <message>
      <location filename="../resources/templates/classification_summary.html.j2" />
      <location filename="../village_planner/core/monitoring_report.py" />
      <location filename="../village_planner/core/quota_report.py" />
      <source>Villages</source>
      <translation>村数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/decide_category.py" />
      <source>Villages not in {layer}: {codes}</source>
      <translation>{layer} 中没有这些村：{codes}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>Villages that failed</source>
      <translation>导出失败的村数</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>Villages whose suggestion changed</source>
      <translation>建议发生变化的村数</translation>
    </message>
    <message>
      <location filename="../village_planner/core/issues.py" />
      <location filename="../village_planner/core/plan_report.py" />
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <source>WARNING</source>
      <translation>警告</translation>
    </message>
    <message>
      <location filename="../resources/templates/plan_check_report.html.j2" />
      <location filename="../village_planner/core/plan_report.py" />
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <source>Warnings</source>
      <translation>警告数</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Water and water facilities</source>
      <translation>水域及水利设施用地</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>Wetland</source>
      <translation>湿地</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>What it would take to fall into another category</source>
      <translation>归入其他类别需满足的条件</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>Why:</source>
      <translation>理由：</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/sample_county.py" />
      <source>Writes a synthetic county in the land survey schema (village zones, parcels, permanent basic farmland, red line, development boundary, hazard points and village statistics) to try the plugin. The same seed always gives the same county.</source>
      <translation>按国土调查数据结构生成一个虚拟县（村级调查区、地类图斑、永久基本农田、生态保护红线、城镇开发边界、地灾隐患点和村庄统计表），用于试用插件。相同的随机种子总是生成相同的县。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>Writes one folder for verifying villages in the field without network: a GeoPackage with the villages' survey rows (homesteads, facility needs, hazard checks, villager opinions) and the reference layers clipped to the villages, a QGIS project that opens with the survey forms (value lists, dates, photos, surveyor and date filled in), a photos folder, and a manifest recording the version of every row. The survey layers are created in the planning GeoPackage if missing; the first time a village is packaged its homesteads are seeded from the survey parcels with code 0702 and its hazard checks from the hazard points. Merge the folder back with Merge field package.</source>
      <translation>生成一个供无网络外业核查使用的文件夹：包含各村核查记录（宅基地、公共设施需求、灾害点核查、村民意愿）及裁切到村庄范围的参考图层的 GeoPackage，打开即带核查表单（取值列表、日期、照片、自动填写核查人和日期）的 QGIS 工程，照片文件夹，以及记录每条记录版本的清单。规划数据库中没有核查图层时会自动创建；某村第一次打包时，宅基地核查记录由地类编码 0702 的调查图斑生成，灾害点核查由灾害点生成。外业完成后用“合并外业核查包”合并回数据库。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>Writes one submission database per village, &lt;village code&gt;_&lt;village name&gt;.gdb (a File Geodatabase that the bureaus' ArcGIS systems read) or .gpkg, with the structure of SCHEMA (the default follows common national practice; a province copies and edits it): the village zone, the planned and base-year land use in 2023 codes with BSM numbered from the village code, element codes, names filled from the codes and areas balanced to the village's control area (平差), the control lines clipped to the village, and the structure and indicator tables. Each database is then read back and checked as the bureau would (Check the village plans before submission); the report is written next to it. A database with errors is still written, marked not ready in its VP_META table and its report.</source>
      <translation>每个村写出一个入库数据库 &lt;村代码&gt;_&lt;村名称&gt;.gdb（主管部门 ArcGIS 系统可读的文件地理数据库）或 .gpkg，结构按 SCHEMA（默认按全国通行做法；各省可复制修改）：村域范围、2023版代码的规划和基期年用地用海（标识码按村代码编号，填写要素代码，名称按代码填写，面积平差至村控制面积）、裁切至本村的管控线，以及结构调整表和指标表。写出后按主管部门的方式读回质检，报告写在数据库旁。有错误的数据库仍会写出，但在其 VP_META 表和报告中标为不可入库。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/zone_areas.py" />
      <source>Zone {zone} of layer {layer} has no geometry.</source>
      <translation>图层 {layer} 的控制区 {zone} 没有几何图形。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/zone_areas.py" />
      <source>Zone {zone} of layer {layer} has no usable control area in {field} ({value}).</source>
      <translation>图层 {layer} 的控制区 {zone} 在字段 {field} 中没有可用的控制面积（{value}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Zone {zone}: control area {control} m2, {n} parcels measure {measured} m2, difference {diff} m2, spread over {edge} edge parcels.</source>
      <translation>控制区 {zone}：控制面积 {control} 平方米，{n} 个图斑合计 {measured} 平方米，差值 {diff} 平方米，分摊到 {edge} 个边界图斑。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>Zones balanced</source>
      <translation>已平差的控制区数</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>a list […]</source>
      <translation>列表 […]</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>a new row in the field has the key of a row already in the database</source>
      <translation>外业新增记录的唯一标识与数据库中已有记录相同</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>a number</source>
      <translation>数字</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>a whole number</source>
      <translation>整数</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>allocation by village category</source>
      <translation>按村庄分类分配</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>an object {…}</source>
      <translation>对象 {…}</translation>
    </message>
    <message>
      <location filename="../village_planner/store/sqlite.py" />
      <source>another program (a colleague's QGIS, a Processing run) is writing to it; try again when it has finished</source>
      <translation>另一程序（同事的 QGIS 或正在运行的处理工具）正在写入该文件；请待其完成后重试</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>approval document number</source>
      <translation>须有批复文号</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>author</source>
      <translation>须有经办人</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>basic farmland</source>
      <translation>永久基本农田</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_diff.py" />
      <source>basic farmland decreased</source>
      <translation>永久基本农田减少</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>changed in the field and in the office since the package was made</source>
      <translation>打包后外业和内业均修改了该记录</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>changed in the field, deleted in the office</source>
      <translation>外业已修改，内业已删除</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>code '{code}' of feature {fid} is not in the 2023 land and sea use classification.</source>
      <translation>要素 {fid} 的代码“{code}”不在2023版用地用海分类中。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>codes that exist only in the {edition} edition (features): {items}</source>
      <translation>仅 {edition} 年版才有的代码（要素数）：{items}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>construction against the plan</source>
      <translation>违反规划建设</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>construction in the ecological red line</source>
      <translation>在生态保护红线内建设</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_diff.py" />
      <source>construction land grew</source>
      <translation>建设用地增加</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>construction on permanent basic farmland</source>
      <translation>占用永久基本农田建设</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>county control total</source>
      <translation>建设用地总量不突破</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_diff.py" />
      <source>cultivated land decreased</source>
      <translation>耕地减少</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>default rules</source>
      <translation>默认规则</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>deleted in the field and in the office</source>
      <translation>外业和内业均已删除</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>deleted in the field, changed in the office since the package was made</source>
      <translation>外业已删除，但打包后内业修改了该记录</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>development boundary</source>
      <translation>城镇开发边界</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>ecological red line</source>
      <translation>生态保护红线</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>feature {fid} ({code}): {area:.2f} m2.</source>
      <translation>要素 {fid}（{code}）：{area:.2f} 平方米。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>feature {fid} has code {code}, whose name is {expected}, not {name}.</source>
      <translation>要素 {fid} 的代码为 {code}，其名称应为 {expected}，而不是 {name}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>feature {fid} has {n} parts.</source>
      <translation>要素 {fid} 有 {n} 个部件。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>feature {fid} of layer {layer} has no {field}.</source>
      <translation>图层 {layer} 的要素 {fid} 缺少 {field}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>feature {fid}: {area:.2f} m2, about {width:.2f} m wide.</source>
      <translation>要素 {fid}：{area:.2f} 平方米，宽约 {width:.2f} 米。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>feature {fid}: {field} is {area:.2f} m2, its ellipsoidal area is {ellipsoid:.2f} m2.</source>
      <translation>要素 {fid}：{field} 为 {area:.2f} 平方米，椭球面积为 {ellipsoid:.2f} 平方米。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>feature {fid}: {reason}</source>
      <translation>要素 {fid}：{reason}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>features {a} and {b} overlap by {area:.2f} m2.</source>
      <translation>要素 {a} 与 {b} 重叠 {area:.2f} 平方米。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>field {field} of layer {layer} is {kind}({length}), the schema wants {want}({wlength}).</source>
      <translation>图层 {layer} 的字段 {field} 为 {kind}({length})，结构要求为 {want}({wlength})。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>flexible reserve</source>
      <translation>机动指标上限</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/core/table_export.py" />
      <source>ha</source>
      <translation>公顷</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>households</source>
      <translation>户</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>inflow source</source>
      <translation>入池来源</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>is not a known key</source>
      <translation>不是可识别的键</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>is required</source>
      <translation>为必填项</translation>
    </message>
    <message>
      <location filename="../village_planner/store/sqlite.py" />
      <source>it is not a GeoPackage (SQLite) file</source>
      <translation>该文件不是 GeoPackage（SQLite）文件</translation>
    </message>
    <message>
      <location filename="../village_planner/store/sqlite.py" />
      <source>it is read-only (file permissions or a read-only drive)</source>
      <translation>该文件为只读（文件权限或只读磁盘）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>known movement</source>
      <translation>变动类型须有效</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>layer {layer} has no field {field} ({alias}).</source>
      <translation>图层 {layer} 缺少字段 {field}（{alias}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>m2</source>
      <translation>平方米</translation>
    </message>
    <message>
      <location filename="../village_planner/core/table_export.py" />
      <source>m2 per person</source>
      <translation>平方米/人</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>missing</source>
      <translation>缺失</translation>
    </message>
    <message>
      <location filename="../resources/templates/ledger_report.html.j2" />
      <location filename="../village_planner/gui/ledger_dock.py" />
      <source>mu</source>
      <translation>亩</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>must be an object with one of the keys {keys} (given {value})</source>
      <translation>应为含有键 {keys} 之一的对象（实际为 {value}）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>must be at least {min} (given {value})</source>
      <translation>应不小于 {min}（实际为 {value}）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>must be at most {max} (given {value})</source>
      <translation>应不大于 {max}（实际为 {value}）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>must be one of {values} (given {value})</source>
      <translation>应为 {values} 之一（实际为 {value}）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>must be {wanted} (given {value})</source>
      <translation>应为{wanted}（实际为 {value}）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>must have at least {n} items</source>
      <translation>应至少有 {n} 项</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>names of the {edition} edition (features): {items}</source>
      <translation>{edition} 年版的名称（要素数）：{items}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/classify_villages.py" />
      <source>national reference {ref}</source>
      <translation>全国参考 {ref}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>net construction growth above the quota drawn</source>
      <translation>建设用地净增超过使用的指标</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>no account below zero</source>
      <translation>账户余额不得为负</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>no draw on permanent basic farmland</source>
      <translation>不得占用永久基本农田</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>no draw on the ecological red line</source>
      <translation>不得占用生态保护红线</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>no duplicate movement</source>
      <translation>不得重复记账</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <location filename="../village_planner/gui/monitoring_dock.py" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>not yet verified</source>
      <translation>尚未核查</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>now {ha:.2f} ha</source>
      <translation>现状 {ha:.2f} 公顷</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>null</source>
      <translation>null</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/field_package.py" />
      <source>one of: {values}</source>
      <translation>取值之一：{values}</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/quota_dock.py" />
      <source>or PostgreSQL connection:</source>
      <translation>或 PostgreSQL 连接：</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_params.py" />
      <source>or a PostgreSQL connection saved in QGIS (its password stays in QGIS)</source>
      <translation>或 QGIS 中保存的 PostgreSQL 连接（密码保存在 QGIS 中）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>permanent basic farmland</source>
      <translation>永久基本农田</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <location filename="../village_planner/core/table_export.py" />
      <source>persons</source>
      <translation>人</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>photo {value!r} is not a file name; it was not copied</source>
      <translation>照片 {value!r} 不是文件名，未复制</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>photo {value} is not in the package; the row keeps its name only</source>
      <translation>照片 {value} 不在外业包中，该行只保留照片名称</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>photo {value} lies outside the package; it was not copied</source>
      <translation>照片 {value} 位于外业包之外，未复制</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>planned {ha:.2f} ha</source>
      <translation>规划 {ha:.2f} 公顷</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>plausible area</source>
      <translation>面积须合理</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger_export.py" />
      <source>points</source>
      <translation>处</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>pool settings</source>
      <translation>指标池设置</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>quota pool</source>
      <translation>指标池</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/build_submission.py" />
      <source>ready</source>
      <translation>可入库</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>real date</source>
      <translation>日期须真实有效</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>reversal</source>
      <translation>冲销</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>table {table}, village {village}, row {row}: {got} ha, the layers give {want:.2f} ha.</source>
      <translation>表 {table}，村 {village}，行 {row}：{got} 公顷，图层计算为 {want:.2f} 公顷。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>text</source>
      <translation>文本</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/submission_build.py" />
      <source>the database {path} has no layer {layer} ({alias}).</source>
      <translation>数据库 {path} 缺少图层 {layer}（{alias}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/sqlite.py" />
      <source>the disk could not be read or written</source>
      <translation>磁盘无法读写</translation>
    </message>
    <message>
      <location filename="../village_planner/store/sqlite.py" />
      <source>the disk is full</source>
      <translation>磁盘已满</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>the ecological red line</source>
      <translation>生态保护红线</translation>
    </message>
    <message>
      <location filename="../village_planner/store/sqlite.py" />
      <source>the file or its folder cannot be opened</source>
      <translation>无法打开该文件或其所在文件夹</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>the geometry is empty</source>
      <translation>几何为空</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>the geometry is in another coordinate system (srs {found}, the layer's is {srs})</source>
      <translation>几何使用了其他坐标系（srs {found}，图层为 {srs}）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>the geometry is not a GeoPackage geometry</source>
      <translation>几何不是 GeoPackage 几何</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>the geometry is not a point</source>
      <translation>几何不是点</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>the geometry is not a polygon</source>
      <translation>几何不是面</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <location filename="../village_planner/core/quota_report.py" />
      <source>the pool</source>
      <translation>指标池</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>the row belongs to village {code}, which is not in this package; nothing was written</source>
      <translation>该行属于村 {code}，不在本外业包中；未写入任何内容</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>true or false</source>
      <translation>true 或 false</translation>
    </message>
    <message>
      <location filename="../village_planner/core/monitoring.py" />
      <source>unexplained new construction</source>
      <translation>未批先建</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>valid draw parcel</source>
      <translation>使用地块须有效</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>village account</source>
      <translation>村庄账户</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>village {code}: the parcels' areas sum to {total:.2f} m2, the control area is {control:.2f} m2 (difference {diff:+.2f} m2).</source>
      <translation>村 {code}：图斑面积之和为 {total:.2f} 平方米，控制面积为 {control:.2f} 平方米（差 {diff:+.2f} 平方米）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>village {code}: {area:.2f} m2 of parcels lie outside the zone.</source>
      <translation>村 {code}：有 {area:.2f} 平方米图斑位于村域范围之外。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>village {code}: {area:.2f} m2 of the zone is covered by no parcel.</source>
      <translation>村 {code}：村域内有 {area:.2f} 平方米未被任何图斑覆盖。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/plan_check.py" />
      <source>village {code}: {before:.2f} ha in the base year, {after:.2f} ha planned ({change:+.2f} ha).</source>
      <translation>村 {code}：基期年 {before:.2f} 公顷，规划 {after:.2f} 公顷（{change:+.2f} 公顷）。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>when no earlier rule applies</source>
      <translation>前述规则均不适用时</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>who may record what</source>
      <translation>记账权限</translation>
    </message>
    <message>
      <location filename="../village_planner/core/balance.py" />
      <source>zone {zone}: control {control} m2, parcels {measured} m2, difference {diff} m2</source>
      <translation>控制区 {zone}：控制面积 {control} 平方米，图斑合计 {measured} 平方米，差值 {diff} 平方米</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota_report.py" />
      <source>{account}: {kept} ha kept, {replayed} ha from the journal</source>
      <translation>{account}：现存 {kept} 公顷，按流水应为 {replayed} 公顷</translation>
    </message>
    <message>
      <location filename="../village_planner/core/classification.py" />
      <source>{category}: the indicator {names} that rule {rule} ({rule_name}) needs is missing.</source>
      <translation>{category}：规则 {rule}（{rule_name}）所需的指标“{names}”缺失。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>{code}: {old} is called {new} in 2023: {n} features</source>
      <translation>{code}：{old} 在 2023 年版中称为 {new}：{n} 个要素</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/plan_check_dock.py" />
      <location filename="../village_planner/processing/check_layers.py" />
      <location filename="../village_planner/processing/check_plan.py" />
      <source>{e} errors, {w} warnings</source>
      <translation>错误 {e} 条，警告 {w} 条</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{field}={value} is not a number</source>
      <translation>{field}={value} 不是数字</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{field}={value} is not one of its values ({values})</source>
      <translation>{field}={value} 不在取值列表中（{values}）</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>{file} is not valid:</source>
      <translation>{file} 有误：</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>{file}: the columns movement and area_ha are required.</source>
      <translation>{file}：必须包含 movement（类型）和 area_ha（面积）列。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>{label} ({rule})</source>
      <translation>{label}（{rule}）</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>{layer} {uuid} ({village}): {reason}</source>
      <translation>{layer} {uuid}（{village}）：{reason}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{layer} {uuid} is no conflict of that merge; nothing was changed.</source>
      <translation>{layer} {uuid} 不是该次合并的冲突；未作任何更改。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>{m2:.2f} m2 of the draw lie outside village {code}.</source>
      <translation>使用地块有 {m2:.2f} 平方米位于村 {code} 之外。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_pool_create.py" />
      <source>{name}: needed to create a pool.</source>
      <translation>{name}：新建指标池时必填。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>{n} designated villages in the county</source>
      <translation>全县有 {n} 个认定村</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/monitoring_job.py" />
      <source>{n} draws of the period have no geometry and cover nothing: journal entries {ids}</source>
      <translation>本期有 {n} 笔指标使用没有图形，不覆盖任何图斑：流水号 {ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/monitoring_job.py" />
      <source>{n} draws of the quota pool in the period</source>
      <translation>指标池本期有 {n} 笔指标使用</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>{n} features are to be split: their 2020 code has several 2023 codes (see the candidates field).</source>
      <translation>{n} 个要素待细分：其 2020 年版代码对应多个 2023 年版代码（见 candidates 字段）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>{n} features have a negative area in {field}. Features: {ids}</source>
      <translation>{n} 个要素的 {field} 面积为负数。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>{n} features have a value in {field} that is not a number. Features: {ids}</source>
      <translation>{n} 个要素的 {field} 值不是数字。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>{n} features have an infinite value in {field}. Features: {ids}</source>
      <translation>{n} 个要素的 {field} 值为无穷大。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>{n} features have no geometry. Features: {ids}</source>
      <translation>{n} 个要素没有几何。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>{n} features have no value in {field}; 0 is used. Features: {ids}</source>
      <translation>{n} 个要素的 {field} 为空，按 0 计。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/export_maps.py" />
      <source>{n} files written to {folder}</source>
      <translation>已将 {n} 个文件写入 {folder}</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/ledger_job.py" />
      <source>{n} hazard points lie outside every village.</source>
      <translation>{n} 个地灾隐患点不在任何村内。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>{n} homesteads seeded from the survey parcels (0702).</source>
      <translation>已由调查图斑（0702）生成 {n} 条宅基地核查记录。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/checker.py" />
      <source>{n} invalid geometries were repaired for the overlays. Features: {ids}</source>
      <translation>已为叠加分析修复 {n} 个无效几何。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>{n} movements applied.</source>
      <translation>已登记 {n} 笔变动。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/quota_import.py" />
      <source>{n} of {total} movements were refused; nothing was written.</source>
      <translation>{total} 笔变动中有 {n} 笔被拒绝；全部未写入。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>{n} parcels ({ha} ha) have no matching village in {field}; they are reported in the 'unassigned' row. Features: {ids}</source>
      <translation>{n} 个图斑（{ha} 公顷）的 {field} 找不到对应的村，已计入“未归属”行。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/check_layers.py" />
      <source>{n} parcels have no matching village. Features: {ids}</source>
      <translation>{n} 个图斑找不到对应的村。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>{n} parcels of {layer} have invalid geometries; their areas were measured after repair, the geometries are written unchanged. Features: {ids}</source>
      <translation>{layer} 中有 {n} 个图斑的几何图形无效；其面积按修复后的图形计算，几何图形原样写出。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>{n} parcels of {layer} have no geometry; their area is 0. Features: {ids}</source>
      <translation>{layer} 中有 {n} 个图斑没有几何图形，面积记为 0。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/adjust_areas.py" />
      <source>{n} parcels of {layer} lie in no control zone; they keep their own ellipsoidal area. Features: {ids}</source>
      <translation>{layer} 中有 {n} 个图斑不在任何控制区内，保留其自身的椭球面积。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/ledger.py" />
      <source>{n} parcels where {net} differs from {area} - {ded} by more than 0.01 m2; the survey's {net} is used. Features: {ids}</source>
      <translation>{n} 个图斑的 {net} 与 {area} - {ded} 相差超过 0.01 平方米，采用调查的 {net}。要素：{ids}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/field_package.py" />
      <source>{n} photos of the packaged rows copied into the package.</source>
      <translation>已将打包记录的 {n} 张照片复制到外业包。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/conflict_dialog.py" />
      <source>{n} rows were changed both in the field and in the office. Choose for each which version to keep, then apply.</source>
      <translation>{n} 条记录在外业和内业都被修改。请逐条选择保留哪个版本，然后应用。</translation>
    </message>
    <message>
      <location filename="../village_planner/gui/classification_wizard.py" />
      <source>{n} villages; {m} have missing indicators and stay not yet classified until the data are completed.</source>
      <translation>共 {n} 个村；其中 {m} 个村指标缺失，在数据补齐前暂不分类。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/codes_algs.py" />
      <source>{old} → {new}: {n} features</source>
      <translation>{old} → {new}：{n} 个要素</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/quota_database.py" />
      <source>{parameter} is required: a GeoPackage (.gpkg), a PostgreSQL connection string or connection:NAME of a connection saved in QGIS.</source>
      <translation>必须填写 {parameter}：GeoPackage 文件（.gpkg）、PostgreSQL 连接字符串，或 QGIS 已保存连接的 connection:连接名。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/quota_database.py" />
      <source>{parameter}: a new planning database must be a GeoPackage ending in .gpkg ({path}).</source>
      <translation>{parameter}：新建的规划数据库必须是以 .gpkg 结尾的 GeoPackage 文件（{path}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/quota_database.py" />
      <source>{parameter}: {path} does not exist.</source>
      <translation>{parameter}：{path} 不存在。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/quota_database.py" />
      <source>{parameter}: {path} is not a GeoPackage; give a .gpkg file or a PostgreSQL connection.</source>
      <translation>{parameter}：{path} 不是 GeoPackage 文件；请给定 .gpkg 文件或 PostgreSQL 连接。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param} is required.</source>
      <translation>{param} 为必填项。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: files cannot be written in the folder {path} ({error}).</source>
      <translation>{param}：无法在文件夹 {path} 中写入文件（{error}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: the file {path} cannot be written (read-only).</source>
      <translation>{param}：文件 {path} 无法写入（只读）。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: the file {path} does not exist.</source>
      <translation>{param}：文件 {path} 不存在。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: {path} is a file, not a folder.</source>
      <translation>{param}：{path} 是文件，不是文件夹。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: {path} is a folder, not a file.</source>
      <translation>{param}：{path} 是文件夹，不是文件。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: {path} is a planning database (ledger snapshots, decisions or the quota pool); writing the output there would replace it and everything in it. Choose another file.</source>
      <translation>{param}：{path} 是规划数据库（台账快照、分类决定或指标池），写到这里会替换它及其中的全部内容。请另选文件。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: {path} is also an input of this run ({input}); writing the output there would replace the whole file. Choose another file.</source>
      <translation>{param}：{path} 也是本次运行的输入（{input}），写到这里会替换整个文件。请另选文件。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/monitor_change.py" />
      <source>{param}: {reason}</source>
      <translation>{param}：{reason}</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: {value} is not accepted.</source>
      <translation>{param}：不接受值 {value}。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: {value} is not accepted; give a .{ext} file.</source>
      <translation>{param}：不接受 {value}；请提供 .{ext} 文件。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: {value} is not accepted; give a number from {low} to {high}.</source>
      <translation>{param}：不接受 {value}；请填写 {low} 至 {high} 之间的数字。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: {value} is not accepted; give a number of at least {low}.</source>
      <translation>{param}：不接受 {value}；请填写不小于 {low} 的数字。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/base.py" />
      <source>{param}: {value} is not accepted; give a number.</source>
      <translation>{param}：不接受 {value}；请填写数字。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_pg.py" />
      <location filename="../village_planner/store/quota_store.py" />
      <source>{path} already holds a quota pool.</source>
      <translation>{path} 中已有指标池。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/field_pg.py" />
      <location filename="../village_planner/store/field_store.py" />
      <source>{path} has no survey layers; it is not the database this package was made from.</source>
      <translation>{path} 没有核查图层，不是生成该外业包的数据库。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_base.py" />
      <source>{path} holds no quota pool; create one first.</source>
      <translation>{path} 中没有指标池，请先建立。</translation>
    </message>
    <message>
      <location filename="../village_planner/qgis_adapter/quota_database.py" />
      <source>{path} holds no quota pool; create one with Create quota pool.</source>
      <translation>{path} 中没有指标池，请用“建立指标池”建立。</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/ledger_diff.py" />
      <source>{path} holds {n} ledger snapshots; two are needed.</source>
      <translation>{path} 中只有 {n} 个台账快照，至少需要两个。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_store.py" />
      <source>{path} is not a GeoPackage (it is not an SQLite database).</source>
      <translation>{path} 不是 GeoPackage 文件（不是 SQLite 数据库）。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/field_store.py" />
      <location filename="../village_planner/store/snapshots.py" />
      <source>{path} is not a GeoPackage.</source>
      <translation>{path} 不是 GeoPackage。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/quota_store.py" />
      <source>{path} is not a GeoPackage: {error}</source>
      <translation>{path} 不是 GeoPackage 文件：{error}</translation>
    </message>
    <message>
      <location filename="../village_planner/layouts/village_maps.py" />
      <source>{path} is not a QGIS print layout template (.qpt).</source>
      <translation>{path} 不是 QGIS 打印布局模板（.qpt）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{path} is not a field package: it has no manifest.json.</source>
      <translation>{path} 不是外业包：缺少 manifest.json。</translation>
    </message>
    <message>
      <location filename="../village_planner/store/field_store.py" />
      <source>{path} is not the GeoPackage of package {id} (it was replaced by another file); nothing was merged.</source>
      <translation>{path} 不是数据包 {id} 的 GeoPackage（已被其他文件替换）；未合并任何内容。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{path}: field {layer}.{field} has an unknown kind or widget.</source>
      <translation>{path}：字段 {layer}.{field} 的类型或控件未知。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{path}: field {layer}.{field} needs its list of values.</source>
      <translation>{path}：字段 {layer}.{field} 需要取值列表。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{path}: homestead_survey needs its status field.</source>
      <translation>{path}：homestead_survey 必须有 status（使用状态）字段。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{path}: layer {layer} has a field without a valid name.</source>
      <translation>{path}：图层 {layer} 有字段缺少有效名称。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{path}: layer {layer} names a field twice.</source>
      <translation>{path}：图层 {layer} 的字段重名。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{path}: layer {layer} needs a geometry, one of {kinds}.</source>
      <translation>{path}：图层 {layer} 需要几何类型，可选 {kinds}。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/field.py" />
      <source>{problems}; nothing was written</source>
      <translation>{problems}；未写入</translation>
    </message>
    <message>
      <location filename="../village_planner/processing/sample_county.py" />
      <source>{v} villages and {p} parcels written to {folder}</source>
      <translation>已将 {v} 个村、{p} 个图斑写入 {folder}</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>{what} '{value}' is not a number of hectares.</source>
      <translation>{what}“{value}”不是以公顷计的数字。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>{what} must be a finite number of hectares (given {value}).</source>
      <translation>{what}必须是有限的公顷数（给定值为 {value}）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/quota.py" />
      <source>{what} of {value} ha is implausible (more than {max} ha).</source>
      <translation>{what} {value} 公顷不合理（超过 {max} 公顷）。</translation>
    </message>
    <message>
      <location filename="../village_planner/core/schema.py" />
      <source>… and {n} more</source>
      <translation>……另有 {n} 处</translation>
    </message>
  </context>
</TS>
