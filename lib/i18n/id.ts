// Every interface string of the Indonesian edition: the same shape as ./en.ts (type Strings), written for
// learners who follow the lesson in Bahasa Indonesia, with the terms of the shared glossary (./glossary.ts).
import type {LatestLoss, Strings} from "./en.js";
import {GLOSSARY} from "./glossary.js";
import {formatNumber} from "./numbers.js";

const n = (value: number, digits?: number): string => formatNumber("id", value, digits === undefined ? {} : {digits});

const lossSummary = ({value, step, test}: LatestLoss): string =>
  `${n(value, 4)} pada batch pelatihan setelah ${n(step)} langkah` +
  (test === undefined ? "" : `, ${n(test, 4)} pada gambar uji`);

export const id: Strings = {
  language: "id",
  site: {
    otherEdition: "English",
    otherEditionLabel: "Read this page in English",
    footer: "Autoencoders Lab: autoencoder yang dilatih langsung di peramban Anda dengan TensorFlow.js.",
    previousPage: "Halaman sebelumnya",
    nextPage: "Halaman berikutnya",
    contents: "Daftar isi"
  },
  controls: {
    train: "Latih",
    pause: "Jeda",
    resume: "Lanjutkan",
    reset: "Atur ulang",
    step: "Satu langkah",
    latentDimension: GLOSSARY.latentDimension.id,
    noiseLevel: GLOSSARY.noiseLevel.id,
    klWeight: GLOSSARY.klWeight.id
  },
  denoiserOnClothes: {
    noisyDigits: "Digit ber-noise",
    denoisedDigits: "Digit hasil denoising",
    noisyClothes: "Pakaian ber-noise",
    denoisedClothes: "Pakaian hasil denoising",
    loading: "Memuat denoiser yang sudah dilatih…",
    failed: (reason: string) => `Denoiser tidak dapat dimuat: ${reason}`,
    summary: (digits: string, clothes: string) =>
      `Dengan noise yang sama, denoiser menambah ${digits} pada digit dan ${clothes} pada pakaian.`,
    decibels: (value: number) => `${value >= 0 ? "+" : "−"}${formatNumber("id", Math.abs(value), {digits: 1})} dB`
  },
  noiseToSuperResolution: {
    button: "Beri model ×4 noise murni",
    again: "Noise baru",
    input: "Noise murni, 7 × 7",
    output: "Yang digambar model ×4 darinya",
    loading: "Memuat model ×4…",
    failed: (reason: string) => `Model ×4 tidak dapat dimuat: ${reason}`
  },
  weightsFile: {
    download: "Unduh bobot",
    load: "Muat bobot",
    notReady: "Model masih dimuat.",
    downloaded: (file: string) => `Bobot saat ini disimpan sebagai ${file}.`,
    loaded: (file: string) => `Bobot dari ${file} sudah dimuat.`,
    refused: (file: string, reason: string) => `${file} tidak dimuat: ${reason}. Tidak ada yang berubah.`
  },
  lessonNumber: {
    lesson: (loss: string, epochs: number, batch: number) =>
      `Notebook pelajaran: loss uji ${loss} setelah ${epochs} epoch dengan batch ${batch}.`,
    ours: (loss: string, epochs: number) =>
      `Checkpoint situs ini: ${loss} setelah ${epochs} epoch, pada 10.000 gambar uji yang sama.`,
    training: "Checkpoint situs ini untuk model tersebut masih dilatih: angkanya muncul setelah mencapai plateau.",
    klGap: (trueLoss: string, notebookLoss: string, gap: string, lesson: string, count: string) =>
      `Notebook pelajaran menulis suku KL sebagai −½ Σ (1 + z_log_sigma − μ² − exp(z_log_sigma)), yang merupakan ` +
      `KL hanya jika z_log_sigma adalah log dari <em>varians</em>; padahal notebook itu mengambil sampel dengan ` +
      `exp(z_log_sigma) sebagai <em>simpangan baku</em>. Dengan cara pengambilan sampelnya sendiri, rumus itu ` +
      `menghitung KL terlalu kecil (tidak pernah terlalu besar). Halaman ini dan setiap checkpoint memakai KL yang ` +
      `benar, seperti di atas. Diukur pada VAE dense yang dikirim (kode 2-D) atas ${count} digit uji: loss ` +
      `${trueLoss} dengan KL yang benar dan ${notebookLoss} dengan rumus notebook, ${gap} lebih rendah. Angka kedua ` +
      `itulah yang sebanding dengan angka notebook sendiri, ${lesson}.`,
    klTraining: "VAE dense yang dikirim masih dilatih: angka kedua rumus muncul setelah mencapai plateau."
  },
  quiz: {
    heading: "Uji pemahaman",
    right: "Benar.",
    wrong: "Belum tepat.",
    choose: "Pilih satu jawaban untuk melihat apakah benar, dan mengapa."
  },
  numbers: {
    images: (count: number) => `${n(count)} gambar`,
    decimal: n,
    decibels: (value: number) => `${n(value, 1)} dB`,
    percent: (share: number) => `${n(100 * share, 1)}%`
  },
  common: {
    building: "Membangun model…",
    loadingModel: "Memuat model…",
    waitingForModel: "Menunggu model…",
    measureAgain: "Ukur lagi",
    encoding: (count: number) => `Mengenkode ${n(count)} digit uji…`,
    afterSteps: (steps: number) => `setelah ${n(steps)} langkah pelatihan`,
    fromCheckpoint: "dari checkpoint yang sudah dilatih"
  },
  backends: {
    names: {
      auto: "Otomatis",
      webgpu: "WebGPU",
      webgl: "WebGL",
      wasm: "WebAssembly",
      cpu: "CPU (JavaScript biasa)"
    },
    notOffered: "tidak tersedia di sini",
    noAdapter: "tidak ada adaptor GPU yang tersedia",
    softwareRenderer: (renderer: string) => `renderer perangkat lunak (${renderer}), lebih lambat daripada WebAssembly`,
    failedToStart: "gagal dijalankan",
    noneStarted: (reasons: string) => `tidak ada backend TensorFlow.js yang bisa dijalankan: ${reasons}`
  },
  trainingControls: {
    stepTitle: "Latih satu batch, lalu jeda",
    trainMore: "Latih lagi",
    resetTitle: "Mulai lagi dari bobot acak",
    backend: "Backend",
    backendSummary: (name: string) => `Backend: ${name}`,
    runningOn: (name: string, skipped: string) => `Berjalan di ${name}${skipped ? ` (dilewati: ${skipped})` : ""}.`,
    progress: "Kemajuan putaran pelatihan ini",
    phases: {
      loading: "Memuat data dan menyalakan TensorFlow.js…",
      idle: "Siap",
      training: "Sedang melatih",
      paused: "Dijeda"
    },
    epoch: (epoch: number) => `epoch ke-${n(epoch)}`,
    step: (step: number) => `langkah ${n(step)}`,
    loss: (loss: string) => `loss ${loss}`,
    speed: (perSecond: number) => `${n(Math.round(perSecond))} gambar/detik`,
    adversarialParts: (discriminator: number, generator: number) =>
      ` (diskriminator ${n(discriminator, 3)}, adversarial loss encoder ${n(generator, 3)})`,
    vaeParts: (reconstruction: number, kl: number) => ` (rekonstruksi ${n(reconstruction, 2)} + KL ${n(kl, 2)})`,
    resultCaption: "Keluaran terbaru model untuk sepuluh digit uji",
    result: (count: number, when: string) => `Keluaran terbaru model untuk ${n(count)} digit uji, ${when}`,
    beforeTraining: "sebelum pelatihan"
  },
  checkpoints: {
    none: "Belum ada checkpoint untuk model ini: model mulai dari bobot acak.",
    trained: (epochs: number, loss: number) =>
      `dilatih ${n(epochs)} epoch (loss uji ${formatNumber("id", loss, {maxDigits: 4})})`,
    exact: (trained: string) =>
      `Dimulai dari checkpoint yang sudah ${trained}; tekan Latih untuk melanjutkan pelatihan dari situ.`,
    nearest: (asked: string, used: string, trained: string) =>
      `Tidak ada checkpoint untuk ${asked}: dimulai dari checkpoint untuk ${used}, yang sudah ${trained}.`,
    noNoise: "tanpa noise",
    noiseLevel: (level: number) => `${GLOSSARY.noiseLevel.id} ${n(level)}`,
    noiseKinds: {gaussian: "", "salt-pepper": " (bintik hitam-putih)", mask: " (penutupan piksel)"},
    noiseMean: (mean: number) => `, rerata noise ${n(mean)}`,
    klWeight: (weight: number) => `${GLOSSARY.klWeight.id} ${n(weight)}`,
    failed: (reason: string) => `Checkpoint gagal dimuat (${reason}): model memakai bobot acak.`,
    restored: (steps: number) =>
      `Model yang Anda latih di peramban ini dipulihkan (${n(steps)} langkah); Atur ulang memulai lagi dari bobot acak.`
  },
  worker: {
    notReady: "worker belum diinisialisasi",
    commandBeforeInit: "worker menerima perintah sebelum diinisialisasi",
    noUrl: (file: string) => `tidak ada URL untuk ${file}`
  },
  trainer: {
    stopped: (reason: string) =>
      `Pelatihan berhenti: ${reason}. Turunkan laju pembelajaran (learning rate) atau tekan Atur ulang.`,
    diverged: (loss: number, step: number) =>
      `loss menjadi ${Number.isNaN(loss) ? "NaN" : n(loss)} pada langkah ke-${n(step)}`,
    workerFailed: (message: string) => `Worker pelatihan gagal: ${message}`,
    pageBackendFailed: (message: string) => `TensorFlow.js tidak bisa dijalankan di halaman ini: ${message}`,
    workerReplaced: "worker pelatihan sudah diganti",
    disposed: "trainer sudah dihentikan"
  },
  architecture: {
    inputImage: "gambar input",
    halves: {encoder: GLOSSARY.encoder.id, code: GLOSSARY.code.id, decoder: GLOSSARY.decoder.id},
    // Layer names stay as TensorFlow.js (and the lesson's code) writes them.
    layers: {
      conv: (kernel: number) => `conv ${kernel}×${kernel}`,
      maxPool: "max-pool ÷2",
      upsample: "upsample ×2",
      dense: "dense",
      flatten: "flatten",
      reshape: "reshape"
    },
    short: {
      input: "input",
      conv: "conv",
      maxPool: "pool",
      upsample: "up",
      dense: "dense",
      flatten: "flatten",
      reshape: "reshape"
    },
    box: (operation: string, shape: string, count: number) => `${operation}: ${shape} (${n(count)} angka)`,
    label: (shapes: string) => `Arsitektur autoencoder: ${shapes}`
  },
  digitGrid: {
    classGrid: (perClass: number, classes: number) =>
      `${n(perClass)} contoh gambar dari tiap kelas (${n(classes)} kelas), satu kelas per baris`
  },
  drawingPad: {
    label: "Papan gambar: gambarlah sebuah digit dengan mouse, pena, atau jari",
    clear: "Hapus",
    example: "Gambarkan contoh"
  },
  denoising: {
    clean: "Bersih",
    noisy: "Input ber-noise",
    denoised: "Hasil denoising",
    psnr: "PSNR (makin tinggi makin baik)",
    noNoise: "tanpa noise",
    note: (count: number, ms: number, untrained: boolean) =>
      `PSNR dirata-ratakan atas ${n(count)} digit ini. Digambar ulang dalam ${n(Math.round(ms))} ms.` +
      (untrained ? " Denoiser ini belum dilatih: tekan Latih untuk melatihnya." : "")
  },
  errorComparison: {
    axis: "Galat kuadrat rata-rata (MSE) per piksel (makin rendah makin baik) →",
    mean: (error: number) => `rerata ${n(error, 4)}`,
    group: (name: string, error: number) => `${name} ${n(error, 4)}`,
    label: (groups: string) =>
      `Galat rekonstruksi tiap gambar, satu baris per kelompok; galat kuadrat rata-rata (MSE) per piksel: ${groups}`
  },
  imageTable: {version: "Versi", digits: "Gambar"},
  klBars: {
    axis: "KL terhadap prior (nats)",
    active: "aktif",
    collapsed: "kolaps",
    label: (dims: number, active: number, threshold: number) =>
      `Diagram batang KL divergence terhadap prior untuk tiap dimensi laten (${n(dims)} dimensi): ${n(active)} di ` +
      `atas ambang ${n(threshold)} nats (aktif), ${n(dims - active)} di bawahnya`
  },
  lossChart: {
    loss: "Loss",
    train: "batch pelatihan (dihaluskan)",
    test: "gambar uji (setelah tiap epoch)",
    step: "Langkah pelatihan",
    empty: "Tekan Latih untuk melihat loss turun",
    canvasLabel: (label: string, latest?: LatestLoss) =>
      latest ? `${label}: ${lossSummary(latest)}` : `${label}: belum ada pelatihan`,
    chartLabel: (label: string, latest?: LatestLoss) =>
      latest
        ? `Grafik garis ${label} terhadap langkah pelatihan: ${lossSummary(latest)}`
        : `Grafik garis ${label}: belum ada pelatihan`
  },
  psnrCurve: {
    axis: "PSNR (dB)",
    identical: "identik",
    label: (level: number, noisy: string, denoised: string) =>
      `Grafik garis PSNR terhadap tingkat noise, untuk input ber-noise dan hasil denoising; pada tingkat ${n(level)}, ` +
      `input ber-noise ${noisy}, hasil denoising ${denoised}`
  },
  reconstruction: {
    error: "Galat kuadrat rata-rata (MSE) per piksel",
    reconstruction: "Rekonstruksi",
    difference: "|Selisih|"
  },
  superResolution: {
    input: (side: number) => `Gambar input (${side}×${side})`,
    nearest: "Tetangga terdekat",
    bicubic: "Bikubik",
    model: "Model",
    target: "Gambar target (28×28)",
    psnr: "PSNR",
    ssim: "SSIM",
    note: (count: number, untrained: boolean) =>
      untrained
        ? `Skor adalah rata-rata atas ${n(count)} digit ini. Model belum dilatih: tekan Latih.`
        : `Skor adalah rata-rata atas ${n(count)} digit ini, dibandingkan dengan baris target.`
  },
  autoencoderCodes: {
    digit: (label: number) => `Gambar digit ${label}`,
    code: (label: number) => `Kode digit ${label}`,
    random: (count: number) => `${n(count)} digit yang didekode dari kode acak`,
    clean: "Rekonstruksi dari kode yang bersih",
    noisy: (level: number) => `Didekode dari kode yang digeser noise sebesar ${n(level)} kali sebarannya`
  },
  aeVsVae: {
    vaeLine: "VAE: garis lurus di antara kedua rerata",
    vaeLineLabel: "VAE: garis di antara dua kode, setelah didekode",
    aeLine: "Autoencoder biasa: garis lurus di antara kedua kode",
    aeLineLabel: "Autoencoder biasa: garis di antara dua kode, setelah didekode",
    vaePrior: "VAE: sepuluh kode yang diambil dari N(0, I)",
    vaePriorLabel: "VAE: kode yang diambil dari prior, setelah didekode",
    aePrior: "Autoencoder biasa: sepuluh kode yang sama",
    aePriorLabel: "Autoencoder biasa: kode yang diambil dari N(0, I), setelah didekode",
    trainFirst: "Tekan <strong>Latih</strong> tepat di atas untuk melatih autoencoder biasa, lalu bandingkan."
  },
  vaeInterpolation: {
    latentRow: "Di ruang laten (VAE)",
    latentLabel: "Titik-titik pada garis di antara dua kode, setelah didekode",
    pixelRow: "Di ruang piksel",
    pixelLabel: "Campuran piksel demi piksel dari kedua digit"
  },
  vaeKl: {
    untrained:
      "Tekan <strong>Latih</strong>: satu batang untuk tiap dimensi laten akan menunjukkan seberapa banyak informasi yang dibawanya.",
    active: (active: number, dims: number, threshold: number) =>
      `<strong>${active} dari ${dims}</strong> dimensi laten aktif: KL-nya terhadap prior, dirata-ratakan atas 20 ` +
      `langkah pelatihan terakhir, di atas ${n(threshold)} nats (garis putus-putus).`,
    collapse: (collapsed: number, dims: number) => {
      const all = collapsed === dims;
      const them = collapsed === 1 ? "dimensi itu" : "dimensi-dimensi itu";
      return (
        `<strong>Posterior collapse:</strong> ${all ? "semua dimensi" : `${n(collapsed)} dimensi`} tidak membawa ` +
        `informasi apa pun tentang gambar. Untuk ${them}, encoder mengeluarkan prior itu sendiri (μ = 0, σ = 1) apa ` +
        `pun digitnya, dan decoder sudah belajar mengabaikannya. ` +
        (all
          ? "Kini decoder menggambar digit rata-rata yang sama untuk setiap input. Turunkan bobot KL agar kode kembali berguna."
          : "Sebagian hal ini wajar bila dimensinya banyak: VAE hanya membayar harga KL untuk dimensi yang ia " +
            "butuhkan. Bobot KL yang lebih besar membuat lebih banyak dimensi kolaps.")
      );
    }
  },
  vaeScatter: {
    caption: (count: number, where: string) => `Rerata kode ${n(count)} digit uji, ${where}.`,
    alongOneDimension: "di sepanjang satu-satunya dimensi laten",
    inTwoDimensions: "di ruang laten 2-D",
    onPrincipalComponents: "diproyeksikan pada dua komponen utama pertamanya",
    alongDimensions: (x: string, y: string) => `di sepanjang ${x} dan ${y}`,
    firstComponent: "Komponen utama pertama",
    secondComponent: "Komponen utama kedua",
    pickHint: "Klik atau geser di mana saja pada bidang ini: decoder menggambar digit untuk titik tersebut.",
    decodedAt: (x: number, y: number) => `Digit hasil decode di (${n(x, 2)}, ${n(y, 2)})`
  },
  vaeLossCurves: {
    reconstruction: "Reconstruction loss",
    reconstructionAxis: "Galat kuadrat (dijumlahkan atas piksel)",
    kl: "KL divergence",
    klAxis: "KL (nats)",
    total: "Jumlah keduanya, yang dioptimalkan: rekonstruksi + β × KL",
    totalAxis: "Loss total"
  },
  vaeLoss: {
    reconstruction: "rekonstruksi",
    caption: "Kode yang menghitungnya, dari <code>lib/training/losses.ts</code>:",
    code: "Loss dalam kode pelatihan"
  },
  vaeAssignment: {
    show: "Tampilkan satu solusi",
    intro:
      "VAE konvolusional situs ini, kode yang dilatih ketika Anda memilih <strong>VAE konvolusional</strong> di " +
      "atas (dari <code>lib/models/vae.ts</code>; lapisan-lapisannya milik autoencoder, di " +
      "<code>lib/models/conv-autoencoder.ts</code>):",
    code: "VAE konvolusional dalam kode situs",
    loading: "Memuat loss model yang dikirim…",
    caption: (samples: number, count: number) =>
      `Kedua VAE yang dikirim, kode 2-D, dilatih pada ${n(samples)} digit latih hingga mendatar; loss per digit pada ${n(count)} digit uji`,
    columns: ["Model", "Epoch", "Loss uji", "Rekonstruksi", "KL"],
    dense: "VAE dense (bawaan halaman ini)",
    conv: "VAE konvolusional (solusinya)",
    verdict: (difference: string, convIsLower: boolean) =>
      `Loss uji VAE konvolusional ${difference} ${convIsLower ? "lebih rendah" : "lebih tinggi"} daripada VAE dense, ` +
      `${convIsLower ? "dengan" : "dan ia memiliki"} bobot yang jauh lebih sedikit: konvolusinya berbagi bobot di seluruh ` +
      `gambar, sedangkan setiap unit dari 512 unit VAE dense memiliki satu bobot untuk setiap piksel. Untuk melatihnya ` +
      `langsung, pilih <strong>VAE konvolusional</strong> pada <em>Model</em> di bagian atas halaman ini.`,
    notShipped: "Loss model yang dikirim tidak ada dalam build ini."
  },
  vaeManifold: {
    label: "Digit yang didekode dari kisi kode",
    alongOneDimension: (range: number) => `z1 dari −${n(range)} hingga +${n(range)}, dari kiri ke kanan.`,
    alongTwoDimensions: (x: number, y: number, range: number, othersAtZero: boolean) =>
      `z${x} dari −${n(range)} hingga +${n(range)} dari kiri ke kanan, z${y} dari +${n(range)} hingga −${n(range)} ` +
      `dari atas ke bawah${othersAtZero ? "; dimensi lainnya bernilai 0" : ""}.`
  },
  vaeReconstructions: {
    originals: "Digit uji asli",
    reconstructions: "Rekonstruksinya dari kode rerata"
  },
  vaeSamples: {label: "Digit yang didekode dari kode yang diambil dari N(0, I)"},
  latentScatter: {
    digit: "Digit",
    label: (count: number, x: string, y?: string) =>
      `Diagram sebar ${n(count)} digit uji, ${x}${y === undefined ? " terhadap digitnya" : ` terhadap ${y}`}, diwarnai menurut digit`
  },
  aaeLosses: {
    reconstruction: "Rekonstruksi (BCE)",
    reconstructionTitle: "Rekonstruksi: encoder dan decoder",
    adversarialTitle: "Adversarial: diskriminator melawan encoder",
    discriminator: "diskriminator: −mean(log D(prior) + log(1 − D(kode)))",
    generator: "adversarial loss encoder: −mean(log D(kode))",
    chance: (d: number, g: number) => `jika D tidak bisa membedakan (D = ½): 2 ln 2 = ${n(d, 3)} dan ln 2 = ${n(g, 3)}`,
    empty: "Tekan Latih untuk melihat diskriminator dan encoder saling tarik-menarik",
    label: (d: number, g: number, step: number) =>
      `Adversarial loss setelah ${n(step)} langkah: diskriminator ${n(d, 3)}, adversarial loss encoder ${n(g, 3)}`,
    labelEmpty: "Adversarial loss: belum ada pelatihan"
  },
  priorDigits: {
    label: (name: string, count: number) =>
      `${name}: ${n(count)} digit yang didekode dari kode yang diambil dari N(0, I)`
  },
  priorMatch: {
    prior: (count: number) => `${n(count)} sampel dari prior N(0, I)`,
    distance: "Jarak energi ke prior",
    measuredOn: (codes: number, prior: number) => `${n(codes)} kode dibandingkan dengan ${n(prior)} sampel prior`,
    preview: "dari checkpoint-nya yang sudah dilatih (dihitung saat situs dibangun)",
    checkpoint: "dari checkpoint-nya yang sudah dilatih",
    random: "bobot acak, belum dilatih",
    xLabel: "Angka ke-1 kode",
    yLabel: "Angka ke-2 kode"
  },
  pages: {
    data: {
      images: "Gambar",
      digit: "Digit",
      split: "Set data",
      splits: {train: "latih", test: "uji"},
      chart: (train: number, test: number) =>
        `Diagram batang jumlah gambar tiap digit, di set latih (${n(train)} gambar) dan di set uji (${n(test)}): ` +
        `tiap digit kira-kira sepersepuluh dari masing-masing set`
    },
    whatIsAnAutoencoder: {
      model: "Model",
      models: {
        conv: "Autoencoder konvolusional dari pelajaran (kode 4×4×8)",
        conv2: "Sama, tetapi dengan kode 2 angka (agar bisa diplot)",
        dense: "Autoencoder dense (784 → 128 → 32)"
      }
    },
    autoencoder: {
      codeShape: (latent: number) => (latent === 128 ? "peta 4 × 4 dengan 8 kanal" : `daftar ${n(latent)} angka`),
      loading: "Rekonstruksi (model sedang dimuat…)",
      originals: "Digit uji asli",
      fromCheckpoint: "checkpoint yang sudah dilatih",
      fromRandom: "bobot acak",
      when: (step: number, start: string) =>
        step ? `setelah ${n(step)} langkah pelatihan dari ${start}` : `sebelum pelatihan: ${start}`,
      reconstructions: (when: string) => `Rekonstruksi ${when}`,
      originalsLabel: "Sepuluh digit uji asli, 0 sampai 9",
      reconstructionsLabel: (when: string) => `Rekonstruksi sepuluh digit uji ${when}`,
      loss: "Binary cross-entropy per piksel",
      newCodes: "Kode acak baru",
      codeNoise: "Noise pada kode"
    },
    embeddings: {
      model: "Autoencoder",
      models: {dense: "Dense: 784 → 128 → 2", conv: "Konvolusional: 28×28 → 4×4×8 → 2"},
      codeNumber: (i: number) => `Angka ke-${i} kode`,
      component: (i: number) => `Komponen utama ke-${i}`,
      untrained: "belum dilatih: bobot acak",
      checkpointKnn: (dense: string, conv: string, pca: string) =>
        `${dense} untuk autoencoder dense, ${conv} untuk yang konvolusional, dan ${pca} untuk PCA`,
      notMeasured: "belum diukur: checkpoint-nya sedang dilatih ulang"
    },
    denoising: {
      noiseType: "Jenis noise",
      kinds: {
        gaussian: "Gaussian",
        lesson: "Dari pelajaran (Gaussian, rerata 0,5)",
        "salt-pepper": "Salt and pepper (bintik hitam-putih)",
        mask: "Penutupan piksel (masking)"
      },
      noises: {
        gaussian: "Noise Gaussian",
        lesson: "Noise dari pelajaran (Gaussian, rerata 0,5)",
        "salt-pepper": "Noise salt and pepper",
        mask: "Noise penutupan piksel (masking)"
      },
      curve: "Kurva",
      notMeasured: (message: string) => `Kurva tidak bisa diukur: ${message}`,
      axisGaussian: "Tingkat noise (simpangan baku) →",
      axisShare: "Tingkat noise (bagian piksel yang terkena) →",
      caption: (noise: string, digits: number, seconds: number) =>
        `${noise}, ${n(digits)} digit uji pertama, diukur di worker pelatihan dalam ${n(seconds, 1)} detik; garis ` +
        `putus-putus menandai posisi slider. Kurva ini diukur ulang setelah setiap epoch.`,
      loss: "Binary cross-entropy per piksel (terhadap digit yang bersih)"
    },
    superResolution: {
      factor: "Faktor pembesaran",
      network: "Jaringan",
      networks: {lesson: "Dari pelajaran (dengan bottleneck)", site: "Tanpa bottleneck"},
      loss: "Binary cross-entropy per piksel (terhadap target 28 × 28)"
    },
    properties: {
      testDigits: "Digit uji",
      clothes: "Pakaian",
      drawing: "Gambar Anda",
      drawPrompt: "Gambarlah sebuah digit di atas (atau tekan “Gambarkan contoh”) untuk melihat rekonstruksinya.",
      errors: "Galat",
      digitsSet: (count: number) => `${n(count)} digit uji`,
      clothesSet: (count: number) => `${n(count)} potong pakaian`,
      notMeasured: (message: string) => `Galat tidak bisa diukur: ${message}`,
      caption: (steps: number) =>
        `Tiap titik adalah galat rekonstruksi satu gambar; garis hitam adalah reratanya. Diukur di worker pelatihan ` +
        `setelah ${n(steps)} langkah pelatihan; diukur ulang setelah setiap epoch dan untuk setiap gambar baru Anda.`,
      loss: "Binary cross-entropy per piksel"
    },
    vae: {
      model: "Model",
      models: {"dense-vae": "Dense (784 → 512 → kode)", "conv-vae": "VAE konvolusional"},
      beta: (beta: number) => `β = ${n(beta)}`,
      axes: "Sumbu",
      projections: {pca: "Komponen utama", dims: "Dua dimensi laten"},
      horizontal: "Dimensi horizontal",
      vertical: "Dimensi vertikal",
      gridRange: "Rentang kisi (±σ)",
      newSamples: "Ambil sampel baru",
      from: "Dari digit uji",
      to: "Ke digit uji"
    },
    adversarial: {
      aae: "Adversarial autoencoder",
      plain: "Autoencoder biasa, bentuk sama",
      newCodes: "Ambil kode baru",
      aaeRow: (count: number) => `Adversarial autoencoder: ${n(count)} kode yang diambil dari N(0, I), lalu didekode`,
      plainRow: (count: number) => `Autoencoder biasa: ${n(count)} kode yang sama, lalu didekode`
    }
  }
};
